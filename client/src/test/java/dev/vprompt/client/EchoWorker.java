package dev.vprompt.client;

import dev.vprompt.client.s3.S3ClientFactory;
import dev.vprompt.schemas.BatchInfo;
import dev.vprompt.schemas.JobError;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.ModelInfo;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.OutputObject;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.StageTimings;
import dev.vprompt.schemas.codec.EventCodecs;
import dev.vprompt.schemas.codec.EventDecodeException;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the worker's side of the wire contract on the real broker and S3 server, so the client library is tested
 * end to end without the worker module (which this module must not depend on): for every job it reads, it writes one
 * result object, {@code <prefix>/<jobId>/answer.txt} holding {@link #answer(String)}, and publishes a SUCCEEDED
 * completion naming it; a job with the attribute {@code fail} gets a FAILED completion with that code instead.
 *
 * <p>Threading: owns one thread that polls, writes and publishes; {@link #close()} stops and joins it.
 */
final class EchoWorker implements AutoCloseable {

    private final Connection connection;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private EchoWorker(Connection connection) {
        this.connection = connection;
        this.thread = new Thread(this::run, "echo-worker");
    }

    /** Starts answering every job on the connection's jobs topic, from its beginning. */
    static EchoWorker start(Connection connection) {
        EchoWorker w = new EchoWorker(connection);
        w.thread.start();
        return w;
    }

    /** What the result object of {@code jobId} holds. */
    static byte[] answer(String jobId) {
        return ("answer of " + jobId).getBytes(StandardCharsets.UTF_8);
    }

    private void run() {
        try {
            loop();
        } catch (EventDecodeException e) {
            throw new IllegalStateException("the client wrote a job the worker's codec cannot read", e);
        }
    }

    private void loop() throws EventDecodeException {
        EventCodecs.trustGeneratedClasses();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                        connection.consumerProperties("echo-" + UUID.randomUUID()),
                        new StringDeserializer(),
                        new ByteArrayDeserializer());
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        connection.producerProperties("echo-" + UUID.randomUUID()),
                        new StringSerializer(),
                        new ByteArraySerializer());
                S3ClientFactory s3 = connection.s3()) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(connection.jobsTopic())
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            MinioClient client = s3.client();
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    PromptCompleted done = answer(EventCodecs.promptJob().decode(r.value()), client);
                    producer.send(new ProducerRecord<>(
                            connection.completionsTopic(),
                            done.getJobId(),
                            EventCodecs.promptCompleted().encode(done)));
                }
                producer.flush();
            }
        }
    }

    private PromptCompleted answer(PromptJob job, MinioClient client) {
        String fail = job.getAttributes().get("fail");
        List<OutputObject> outputs = new ArrayList<>();
        if (fail == null) {
            ObjectRef ref = ObjectRef.newBuilder()
                    .setBucket(job.getOutput().getBucket())
                    .setKey(job.getOutput().getPrefix() + "/" + job.getJobId() + "/answer.txt")
                    .setVersionId(null)
                    .build();
            byte[] body = answer(job.getJobId());
            try {
                client.putObject(PutObjectArgs.builder().bucket(ref.getBucket()).object(ref.getKey()).stream(
                                new ByteArrayInputStream(body), body.length, -1)
                        .build());
            } catch (Exception e) {
                throw new IllegalStateException("echo worker cannot write " + ref, e);
            }
            outputs.add(new OutputObject("answer", ref, "text/plain"));
        }
        return PromptCompleted.newBuilder()
                .setJobId(job.getJobId())
                .setStatus(fail == null ? JobStatus.SUCCEEDED : JobStatus.FAILED)
                .setCompletedAt(Instant.now())
                .setOutputs(outputs)
                .setBox(null)
                .setScores(fail == null ? Map.of("iou", 0.5) : Map.of())
                .setError(fail == null ? null : new JobError(fail, "asked to fail"))
                .setTimings(new StageTimings(1L, 2L, 3L, 4L, 5L, 6L, 21L))
                .setBatch(new BatchInfo("echo", 1))
                .setModel(ModelInfo.newBuilder()
                        .setId("echo")
                        .setName("echo")
                        .setSha256("none")
                        .build())
                .setWorker("echo-worker")
                .setAttributes(job.getAttributes())
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}

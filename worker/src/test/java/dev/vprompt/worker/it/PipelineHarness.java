package dev.vprompt.worker.it;

import dev.vprompt.client.s3.S3ClientFactory;
import dev.vprompt.embedded.StackEndpoints;
import dev.vprompt.embedded.StackSetup;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.schemas.DeadLetter;
import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.OutputLocation;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.schemas.codec.EventCodecs;
import dev.vprompt.worker.config.BatchSettings;
import dev.vprompt.worker.config.HttpSettings;
import dev.vprompt.worker.config.KafkaSettings;
import dev.vprompt.worker.config.ModelSettings;
import dev.vprompt.worker.config.PipelineSettings;
import dev.vprompt.worker.config.S3Permission;
import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.config.WorkerConfig;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Everything one integration test needs around a worker, against the real broker and S3 server: its own topics and
 * buckets, uploaded images, a job producer, collectors of completions and dead letters, offset inspection.
 */
final class PipelineHarness implements AutoCloseable {

    static final int PARTITIONS = 3;

    final StackEndpoints stack;
    final String id = UUID.randomUUID().toString().substring(0, 8);
    final String jobsTopic = "jobs-" + id;
    final String completionsTopic = "completions-" + id;
    final String deadLetterTopic = "dlq-" + id;
    final String groupId = "workers-" + id;
    final String images = "images-" + id;
    final String results = "results-" + id;
    /** Buckets the next worker config declares write-once (example cache); none unless a test sets it. */
    Set<String> immutableBuckets = Set.of();
    /** What the next worker config lets jobs read: the images bucket unless a test sets it. */
    List<S3Permission> read = List.of(S3Permission.bucket(images));
    /** Where the next worker config lets jobs write: the results bucket unless a test sets it. */
    List<S3Permission> write = List.of(S3Permission.bucket(results));

    final MinioClient s3;
    private final S3ClientFactory s3Factory;
    private final KafkaProducer<String, byte[]> producer;
    final EventCollector<PromptCompleted> completions;
    final EventCollector<DeadLetter> deadLetters;
    private final Admin admin;

    final int partitions;

    PipelineHarness(StackEndpoints stack) throws Exception {
        this(stack, PARTITIONS);
    }

    /** A harness whose jobs topic (and the others) has {@code partitions} partitions. */
    PipelineHarness(StackEndpoints stack, int partitions) throws Exception {
        this.stack = stack;
        this.partitions = partitions;
        StackSetup.createTopics(stack, partitions, jobsTopic, completionsTopic, deadLetterTopic);
        StackSetup.createBuckets(stack, images, results);
        s3Factory = new S3ClientFactory(stack.s3Endpoint(), stack.s3AccessKey(), stack.s3SecretKey(), stack.s3Region());
        s3 = s3Factory.client();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // room for records near the broker's limit (the poison tests send one)
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * 1024 * 1024));
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        completions = new EventCollector<>(
                stack.kafkaBootstrap(), completionsTopic, EventCodecs.promptCompleted(), PromptCompleted::getJobId);
        deadLetters = new EventCollector<>(
                stack.kafkaBootstrap(),
                deadLetterTopic,
                EventCodecs.deadLetter(),
                d -> d.getTopic() + "-" + d.getPartition() + "-" + d.getOffset());
        Properties a = new Properties();
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        admin = Admin.create(a);
        uploadDemoImages();
    }

    /** Uploads a small example pair and query with masks (procedural shapes). */
    private void uploadDemoImages() throws Exception {
        put("support.png", PngCodec.encode(Shapes.photo(96, 80, 1)));
        put("support_mask.png", PngCodec.encode(Shapes.mask(96, 80, 1)));
        put("query.png", PngCodec.encode(Shapes.photo(70, 90, 2)));
        put("query_mask.png", PngCodec.encode(Shapes.mask(70, 90, 2)));
    }

    void put(String key, byte[] bytes) throws Exception {
        put(images, key, bytes);
    }

    void put(String bucket, String key, byte[] bytes) throws Exception {
        s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(
                        new ByteArrayInputStream(bytes), bytes.length, -1)
                .build());
    }

    /** The bytes of any object. */
    byte[] object(String bucket, String key) throws Exception {
        try (var in = s3.getObject(
                io.minio.GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        }
    }

    ObjectRef ref(String key) {
        return ObjectRef.newBuilder()
                .setBucket(images)
                .setKey(key)
                .setVersionId(null)
                .build();
    }

    /** A valid segmentation job on the uploaded images, scored against the query mask. */
    PromptJob.Builder job(String jobId) {
        return PromptJob.newBuilder()
                .setJobId(jobId)
                .setSubmittedAt(Instant.now())
                .setTask(Task.SEGMENTATION)
                .setExamples(List.of(ExamplePair.newBuilder()
                        .setInput(ref("support.png"))
                        .setOutput(ref("support_mask.png"))
                        .build()))
                .setQuery(ref("query.png"))
                .setLayout(PromptLayout.AUTO)
                .setEnsemble(false)
                .setOutput(OutputLocation.newBuilder()
                        .setBucket(results)
                        .setPrefix("runs/" + id)
                        .build())
                .setModel(null)
                .setPriority(0)
                .setDeadline(null)
                .setGroundTruth(ref("query_mask.png"))
                .setAttributes(Map.of("test", id));
    }

    void submit(PromptJob job) {
        send(job.getJobId(), EventCodecs.promptJob().encode(job), Map.of());
    }

    void send(String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(jobsTopic, key, value);
        headers.forEach((k, v) -> r.headers().add(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        producer.send(r);
    }

    /** Sends a record and waits until the broker has it (a record the broker refuses fails the test here). */
    void sendAndWait(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(jobsTopic, key, value)).get();
    }

    void flush() {
        producer.flush();
    }

    WorkerConfig config(String workerId, ModelSettings model, BatchSettings batch, PipelineSettings pipeline) {
        return WorkerConfig.builder()
                .workerId(workerId)
                .kafka(KafkaSettings.builder()
                        .bootstrapServers(stack.kafkaBootstrap())
                        .topics(jobsTopic, completionsTopic, deadLetterTopic)
                        .groupId(groupId)
                        .commitInterval(Duration.ofMillis(200))
                        .build())
                .s3(s3Settings(stack.s3Endpoint().toString()))
                .pipeline(pipeline)
                .batch(batch)
                .model(model)
                .http(HttpSettings.builder().port(HttpSettings.ANY_FREE_PORT).build())
                .build();
    }

    S3Settings s3Settings(String endpoint) {
        return S3Settings.builder()
                .endpoint(endpoint)
                .credentials(stack.s3AccessKey(), stack.s3SecretKey())
                .region(stack.s3Region())
                .read(read)
                .write(write)
                .maxObjectBytes(256L * 1024)
                .requestTimeout(Duration.ofSeconds(5))
                .immutableBuckets(immutableBuckets)
                .build();
    }

    static ModelSettings randomModel() {
        return ModelSettings.builder().devices(List.of("cpu")).build();
    }

    static ModelSettings nullModel() {
        return ModelSettings.builder().devices(List.of("cpu")).nullModel(true).build();
    }

    /** The bytes of a result object. */
    byte[] result(String jobId, String name) throws Exception {
        return object(results, "runs/" + id + "/" + jobId + "/" + name);
    }

    boolean resultExists(String jobId, String name) {
        try {
            s3.statObject(StatObjectArgs.builder()
                    .bucket(results)
                    .object("runs/" + id + "/" + jobId + "/" + name)
                    .build());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The jobs topic's {@code max.message.bytes}, as the broker reports it. */
    int jobsTopicMaxMessageBytes() throws Exception {
        var resource = new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, jobsTopic);
        return Integer.parseInt(admin.describeConfigs(List.of(resource))
                .all()
                .get()
                .get(resource)
                .get("max.message.bytes")
                .value());
    }

    /** Sum over partitions of the group's committed offset. */
    long committedTotal() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> c = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get();
        return c.values().stream()
                .filter(o -> o != null)
                .mapToLong(OffsetAndMetadata::offset)
                .sum();
    }

    /** Sum over partitions of the jobs topic's end offset. */
    long endOffsetsTotal() throws Exception {
        return endOffsetsTotal(jobsTopic);
    }

    /** Sum over partitions of a topic's end offset (transaction markers included: each takes an offset). */
    long endOffsetsTotal(String topic) throws Exception {
        List<TopicPartition> tps = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            tps.add(new TopicPartition(topic, i));
        }
        return admin
                .listOffsets(tps.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                .all()
                .get()
                .values()
                .stream()
                .mapToLong(r -> r.offset())
                .sum();
    }

    @Override
    public void close() throws Exception {
        completions.close();
        deadLetters.close();
        producer.close();
        admin.close();
        s3Factory.close();
    }

    /** Procedural test pictures: a gradient with an ellipse "object", and the object's mask. */
    static final class Shapes {
        private Shapes() {}

        static RgbImage photo(int w, int h, int seed) {
            byte[] px = new byte[3 * w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    boolean in = inside(x, y, w, h, seed);
                    int i = 3 * (y * w + x);
                    px[i] = (byte) (in ? 200 : (x * 255 / w));
                    px[i + 1] = (byte) (in ? 40 : (y * 255 / h));
                    px[i + 2] = (byte) (in ? 60 : 128 + 30 * seed);
                }
            }
            return new RgbImage(w, h, px);
        }

        static RgbImage mask(int w, int h, int seed) {
            byte[] px = new byte[3 * w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    byte v = (byte) (inside(x, y, w, h, seed) ? 255 : 0);
                    int i = 3 * (y * w + x);
                    px[i] = v;
                    px[i + 1] = v;
                    px[i + 2] = v;
                }
            }
            return new RgbImage(w, h, px);
        }

        private static boolean inside(int x, int y, int w, int h, int seed) {
            double cx = w * (0.4 + 0.1 * seed), cy = h * 0.5, rx = w * 0.25, ry = h * 0.3;
            double dx = (x - cx) / rx, dy = (y - cy) / ry;
            return dx * dx + dy * dy <= 1;
        }
    }
}

package dev.vprompt.worker.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vprompt.worker.internal.job.Dependency;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Sends never block their caller, always end, and fail with a classified failure. */
class KafkaEventProducerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** Kafka's in-memory producer (no broker); sends complete only when the test says so. */
    private static MockProducer<String, byte[]> unanswered() {
        return new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    }

    private static JobFailure failureOf(CompletableFuture<Void> f) {
        return JobFailure.of(f.handle((v, e) -> e).join());
    }

    @Test
    void shouldReturnAtOnceWhileTheProducerBlocksItsCallerWaitingForMetadata() throws Exception {
        // Given: a producer whose send blocks its caller, as KafkaProducer does for up to max.block.ms
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> sendingThread = new AtomicReference<>();
        MockProducer<String, byte[]> blocking =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
                    @Override
                    public synchronized Future<RecordMetadata> send(
                            ProducerRecord<String, byte[]> r, Callback callback) {
                        sendingThread.set(Thread.currentThread().getName());
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return super.send(r, callback);
                    }
                };
        KafkaEventProducer producer = new KafkaEventProducer(blocking, () -> true, Duration.ofMinutes(1));
        // When: the caller (an event loop, say) sends
        CompletableFuture<Void> sent = assertTimeoutPreemptively(
                PATIENCE, () -> producer.send("completions", "job-1", new byte[10], Map.of()));
        // Then: it got a pending future back, and the blocking call happens on the producer's own thread
        assertThat(sent).isNotDone();
        await().atMost(PATIENCE).until(() -> sendingThread.get() != null);
        assertThat(sendingThread.get()).isEqualTo("vp-kafka-send");
        release.countDown();
        sent.get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        producer.close();
    }

    @Test
    void shouldFailTransientlyOnTheBrokerWhenNoAnswerComesWithinTheSendTimeout() {
        // Given: a producer that never answers (its I/O thread died, say)
        KafkaEventProducer producer = new KafkaEventProducer(unanswered(), () -> true, Duration.ofMillis(200));
        // When
        CompletableFuture<Void> sent = producer.send("completions", "job-1", new byte[10], Map.of());
        // Then
        JobFailure f = failureOf(sent);
        assertThat(f.kind()).isEqualTo(JobFailure.Kind.TRANSIENT);
        assertThat(f.dependency()).isEqualTo(Dependency.BROKER);
        producer.close();
    }

    @Test
    void shouldFailPermanentlyWithResultTooLargeWhenTheRecordIsTooLarge() {
        // Given
        MockProducer<String, byte[]> mock = unanswered();
        KafkaEventProducer producer = new KafkaEventProducer(mock, () -> true, Duration.ofMinutes(1));
        CompletableFuture<Void> sent = producer.send("completions", "job-1", new byte[10], Map.of("traceparent", "t"));
        await().atMost(PATIENCE).until(() -> mock.history().size() == 1);
        // When
        mock.errorNext(new RecordTooLargeException("too large"));
        // Then
        JobFailure f = failureOf(sent);
        assertThat(f.retriable()).isFalse();
        assertThat(f.code()).isEqualTo(ErrorCode.RESULT_TOO_LARGE);
        assertThat(mock.history().get(0).headers().lastHeader("traceparent")).isNotNull();
        producer.close();
    }

    @Test
    void shouldNotBeAliveWhenItsIoThreadDiedOrItWasClosed() {
        // Given
        AtomicBoolean ioThread = new AtomicBoolean(true);
        KafkaEventProducer producer = new KafkaEventProducer(unanswered(), ioThread::get, Duration.ofMinutes(1));
        // When / Then
        assertThat(producer.isAlive()).isTrue();
        ioThread.set(false);
        assertThat(producer.isAlive()).as("I/O thread gone").isFalse();
        ioThread.set(true);
        producer.close();
        assertThat(producer.isAlive()).as("closed").isFalse();
    }

    @Test
    void shouldFindTheIoThreadOfARealProducerAndLoseItWhenClosed() {
        // Given: a real producer (it starts its I/O thread at once; nothing is sent, so no broker is needed)
        KafkaEventProducer producer =
                KafkaEventProducer.create("127.0.0.1:1", "vp-publish-test-" + System.nanoTime(), Map.of());
        // When / Then
        assertThat(producer.isAlive()).isTrue();
        producer.close();
        assertThat(producer.isAlive()).isFalse();
        assertThatThrownBy(() -> producer.send("t", "k", new byte[1], Map.of()).get())
                .isInstanceOf(ExecutionException.class);
    }
}

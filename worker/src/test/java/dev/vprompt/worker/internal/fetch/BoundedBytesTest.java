package dev.vprompt.worker.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The AWS client's body reader: whole bodies, in pieces, and the size limit at the headers or while reading. */
class BoundedBytesTest {

    /** Records what the reader asks of the stream. */
    private static final class RecordingSubscription implements Subscription {
        long requested;
        boolean cancelled;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private static GetObjectResponse announcing(Long length) {
        return GetObjectResponse.builder().contentLength(length).build();
    }

    private static ByteBuffer piece(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return ByteBuffer.wrap(b);
    }

    @Test
    void shouldReturnTheWholeBodyWhenItArrivesInPiecesWithOrWithoutAnAnnouncedLength() throws Exception {
        for (Long announced : new Long[] {20_000L, null}) {
            // Given
            BoundedBytes reader = new BoundedBytes(20_000, "s3://b/k");
            CompletableFuture<byte[]> result = reader.prepare();
            RecordingSubscription s = new RecordingSubscription();
            // When
            reader.onResponse(announcing(announced));
            reader.onSubscribe(s);
            reader.onNext(piece(0, 12_000));
            reader.onNext(piece(12_000, 8_000));
            reader.onComplete();
            // Then
            byte[] body = result.get();
            assertThat(body).hasSize(20_000);
            assertThat(body[0]).isEqualTo((byte) 0);
            assertThat(body[19_999]).isEqualTo((byte) 19_999);
            assertThat(s.requested).isPositive();
            assertThat(s.cancelled).isFalse();
        }
    }

    @Test
    void shouldRefuseTheBodyUnreadWhenTheAnnouncedLengthIsOverTheLimit() {
        // Given
        BoundedBytes reader = new BoundedBytes(1_000, "s3://b/k");
        CompletableFuture<byte[]> result = reader.prepare();
        RecordingSubscription s = new RecordingSubscription();
        // When
        reader.onResponse(announcing(1_001L));
        reader.onSubscribe(s);
        // Then
        assertThat(s.cancelled).isTrue();
        assertThat(s.requested).isZero();
        assertThat(JobFailure.of(result.handle((v, e) -> e).join()).code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE);
    }

    @Test
    void shouldStopReadingWhenAnUnannouncedBodyPassesTheLimit() {
        // Given
        BoundedBytes reader = new BoundedBytes(1_000, "s3://b/k");
        CompletableFuture<byte[]> result = reader.prepare();
        RecordingSubscription s = new RecordingSubscription();
        reader.onResponse(announcing(null));
        reader.onSubscribe(s);
        // When
        reader.onNext(piece(0, 600));
        reader.onNext(piece(600, 600));
        reader.onNext(piece(1_200, 600)); // after the limit: ignored
        reader.onComplete();
        // Then
        assertThat(s.cancelled).isTrue();
        JobFailure f = JobFailure.of(result.handle((v, e) -> e).join());
        assertThat(f.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE);
        assertThat(f.retriable()).isFalse();
    }

    @Test
    void shouldFailWithTheStreamErrorWhenTheConnectionBreaksMidBody() {
        // Given
        BoundedBytes reader = new BoundedBytes(1_000, "s3://b/k");
        CompletableFuture<byte[]> result = reader.prepare();
        reader.onResponse(announcing(800L));
        reader.onSubscribe(new RecordingSubscription());
        reader.onNext(piece(0, 100));
        // When
        reader.onError(new java.io.IOException("reset"));
        // Then
        assertThat(result.handle((v, e) -> e).join()).isInstanceOf(java.io.IOException.class);
    }
}

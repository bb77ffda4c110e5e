package dev.vprompt.worker.internal.fetch;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reads a GET's body into one array, refusing (IMAGE_TOO_LARGE) a body longer than {@code maxBytes}: at the headers
 * when the store announces the length, or as soon as the bytes read pass the limit (the stream is then cancelled, so
 * an oversized object is never held in memory). The body is copied once, into an array of the announced length.
 *
 * Part of the benchmark candidate {@link AwsObjectStore}, not of the worker.
 *
 * <p>Threading: one instance serves one request; the SDK calls it from its Netty event-loop thread, one signal at a
 * time (reactive-streams rules), so its state needs no locks.
 */
final class BoundedBytes implements AsyncResponseTransformer<GetObjectResponse, byte[]>, Subscriber<ByteBuffer> {

    private static final int UNKNOWN_LENGTH_START = 8192;
    /** The largest Java array. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final long maxBytes;
    private final String what;
    private CompletableFuture<byte[]> result;
    private byte[] bytes;
    private int length;
    private Subscription subscription;

    BoundedBytes(long maxBytes, String what) {
        this.maxBytes = Math.min(maxBytes, MAX_ARRAY);
        this.what = what;
    }

    @Override
    public CompletableFuture<byte[]> prepare() {
        result = new CompletableFuture<>();
        bytes = null;
        length = 0;
        return result;
    }

    @Override
    public void onResponse(GetObjectResponse response) {
        Long announced = response.contentLength();
        if (announced != null && announced > maxBytes) {
            result.completeExceptionally(AwsObjectStore.tooLarge(what, announced, maxBytes));
            return;
        }
        bytes = new byte[announced == null ? (int) Math.min(UNKNOWN_LENGTH_START, maxBytes) : announced.intValue()];
    }

    @Override
    public void onStream(SdkPublisher<ByteBuffer> publisher) {
        publisher.subscribe(this);
    }

    @Override
    public void exceptionOccurred(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
        if (result.isDone()) {
            s.cancel(); // refused at the headers: do not read the body
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(ByteBuffer buffer) {
        if (result.isDone()) {
            return;
        }
        int n = buffer.remaining();
        if (length + (long) n > maxBytes) {
            subscription.cancel();
            result.completeExceptionally(AwsObjectStore.tooLarge(what, length + (long) n, maxBytes));
            return;
        }
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(maxBytes, Math.max(2L * bytes.length, length + (long) n)));
        }
        buffer.get(bytes, length, n);
        length += n;
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        if (!result.isDone()) {
            result.complete(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
        }
    }
}

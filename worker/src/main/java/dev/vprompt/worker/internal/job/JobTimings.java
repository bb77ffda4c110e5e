package dev.vprompt.worker.internal.job;

import dev.vprompt.schemas.StageTimings;

/**
 * Per-stage wall times of one job, in milliseconds, measured with {@code System.nanoTime()}. Not thread-safe:
 * confined to the event loop, except {@link #batchClosed} / {@link #inferDone} which the inference thread sets
 * before completing the job's future (a happens-before edge).
 */
public final class JobTimings {

    private final long polledNanos = System.nanoTime();
    private final long queueMs;
    private long fetchMs;
    private long prepareMs;
    private long enqueuedNanos;
    private volatile long batchClosedNanos;
    private volatile long inferDoneNanos;
    private long publishStartNanos;

    /** @param recordTimestampMillis the Kafka record timestamp (time it was produced) */
    public JobTimings(long recordTimestampMillis, long nowMillis) {
        this.queueMs = recordTimestampMillis > 0 ? Math.max(0, nowMillis - recordTimestampMillis) : 0;
    }

    public long polledNanos() {
        return polledNanos;
    }

    public void fetched(long startNanos) {
        fetchMs += ms(System.nanoTime() - startNanos);
    }

    public void prepared(long startNanos) {
        prepareMs += ms(System.nanoTime() - startNanos);
    }

    public void enqueued() {
        enqueuedNanos = System.nanoTime();
    }

    public void batchClosed(long closedNanos) {
        batchClosedNanos = closedNanos;
    }

    public void inferDone() {
        inferDoneNanos = System.nanoTime();
    }

    public void publishStarted() {
        publishStartNanos = System.nanoTime();
    }

    public long queueMs() {
        return queueMs;
    }

    public long fetchMs() {
        return fetchMs;
    }

    public long prepareMs() {
        return prepareMs;
    }

    public long batchWaitMs() {
        return enqueuedNanos == 0 || batchClosedNanos == 0 ? 0 : ms(batchClosedNanos - enqueuedNanos);
    }

    public long inferMs() {
        return batchClosedNanos == 0 || inferDoneNanos == 0 ? 0 : ms(inferDoneNanos - batchClosedNanos);
    }

    public long publishMs() {
        return publishStartNanos == 0 ? 0 : ms(System.nanoTime() - publishStartNanos);
    }

    public long totalMs() {
        return ms(System.nanoTime() - polledNanos);
    }

    /** A snapshot for the completion event. */
    public StageTimings toEvent() {
        return StageTimings.newBuilder()
                .setQueueMs(queueMs)
                .setFetchMs(fetchMs)
                .setPrepareMs(prepareMs)
                .setBatchWaitMs(batchWaitMs())
                .setInferMs(inferMs())
                .setPublishMs(publishMs())
                .setTotalMs(totalMs())
                .build();
    }

    private static long ms(long nanos) {
        return Math.max(0, nanos / 1_000_000);
    }
}

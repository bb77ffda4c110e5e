package dev.vprompt.worker.internal.job;

import dev.vprompt.schemas.StageTimings;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Per-stage times of one job, in milliseconds, as reported in its completion event and the stage histograms.
 *
 * <p>The job's life is cut into stages that follow each other without gaps: <b>queue</b> from its origin (the job's
 * {@code submittedAt}, else its Kafka record timestamp) until the poll, <b>fetch</b> until its images were fetched
 * (decoding and validation included), <b>prepare</b> until its canvases were ready, <b>batch wait</b> until its batch
 * closed, <b>infer</b> until the batch's forward pass returned, <b>publish</b> until the snapshot is taken
 * (post-processing and writing results). A stage the job never reached is 0; when a job fails, the time after its
 * last finished stage counts in the stage it failed in. Each boundary is rounded down to whole milliseconds since the
 * poll before the stages are subtracted, so the stages add up to {@code totalMs} exactly. The queue stage compares the
 * submitter's wall clock with the worker's (0 when the submitter's is ahead); the rest uses {@code System.nanoTime()}.
 *
 * <p>Not thread-safe: confined to the event loop and the stage that owns the job at the time, except
 * {@link #batchClosed} / {@link #inferDone} which the inference thread sets before completing the job's future (a
 * happens-before edge).
 */
public final class JobTimings {

    private final LongSupplier nanoClock;
    private final long polledNanos;
    private final long polledMillis;
    private long originMillis;
    private long fetchedNanos;
    private long preparedNanos;
    private volatile long batchClosedNanos;
    private volatile long inferDoneNanos;

    /**
     * @param recordTimestampMillis the Kafka record timestamp (time it was produced); the origin until
     *     {@link #submittedAt} names a better one
     * @param nowMillis the worker's wall clock at the poll
     */
    public JobTimings(long recordTimestampMillis, long nowMillis) {
        this(recordTimestampMillis, nowMillis, System::nanoTime);
    }

    /** For tests: a controllable monotonic clock. */
    JobTimings(long recordTimestampMillis, long nowMillis, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.polledNanos = nanoClock.getAsLong();
        this.polledMillis = nowMillis;
        this.originMillis = recordTimestampMillis;
    }

    /** Makes the job's own submission time the origin of the queue stage, when it is after the epoch. */
    public void submittedAt(Instant submittedAt) {
        if (submittedAt != null && submittedAt.toEpochMilli() > 0) {
            originMillis = submittedAt.toEpochMilli();
        }
    }

    public long polledNanos() {
        return polledNanos;
    }

    /** The images were fetched. */
    public void fetched() {
        fetchedNanos = nanoClock.getAsLong();
    }

    /** The canvases were prepared. */
    public void prepared() {
        preparedNanos = nanoClock.getAsLong();
    }

    /** The job's (last) batch closed at {@code closedNanos}. */
    public void batchClosed(long closedNanos) {
        batchClosedNanos = closedNanos;
    }

    /** The forward pass of the job's batch returned. */
    public void inferDone() {
        inferDoneNanos = nanoClock.getAsLong();
    }

    /** The stages until now; what the completion event carries. */
    public StageTimings toEvent() {
        return snapshot(nanoClock.getAsLong());
    }

    private StageTimings snapshot(long nowNanos) {
        long queue = originMillis > 0 ? Math.max(0, polledMillis - originMillis) : 0;
        // Boundaries after the poll, in whole ms; an unreached one stays 0 and does not count.
        long[] marks = {fetchedNanos, preparedNanos, batchClosedNanos, inferDoneNanos};
        long[] stages = new long[marks.length + 1];
        long previous = 0;
        int stage = 0;
        for (; stage < marks.length && marks[stage] != 0; stage++) {
            long boundary = Math.max(previous, sincePoll(marks[stage]));
            stages[stage] = boundary - previous;
            previous = boundary;
        }
        long end = Math.max(previous, sincePoll(nowNanos));
        stages[stage] = end - previous; // the stage in progress: the next one, or publish once inference returned
        return StageTimings.newBuilder()
                .setQueueMs(queue)
                .setFetchMs(stages[0])
                .setPrepareMs(stages[1])
                .setBatchWaitMs(stages[2])
                .setInferMs(stages[3])
                .setPublishMs(stages[4])
                .setTotalMs(queue + end)
                .build();
    }

    private long sincePoll(long nanos) {
        return Math.max(0, (nanos - polledNanos) / 1_000_000);
    }
}

package dev.vprompt.worker.internal.flow;

import dev.vprompt.worker.internal.ingest.JobRecord;
import dev.vprompt.worker.internal.ingest.JobSink;
import dev.vprompt.worker.internal.ingest.JobSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Admission control between the job source and the flow. It counts the jobs in flight (from delivery until the flow
 * {@linkplain #release() releases} them), pauses the source as soon as one more delivery of up to
 * {@code maxPerDelivery} records could pass {@code maxInFlight} and resumes it at half the bound, so that with a source
 * that hands over one delivery at a time (see {@link JobSource}) no more than {@code maxInFlight} jobs are ever held;
 * keeps it paused while anyone {@linkplain #hold() holds} intake (a dependency that looks down), stops it for good at
 * shutdown ({@link #close()}), and tells when nothing is left in flight ({@link #drained()}).
 *
 * <p>The gate owns the one direction of calls to the source: it starts the source with its handler, then pauses,
 * resumes and asks it to commit; the source only hands records to that handler.
 *
 * <p>Threading: confined to the flow's context. The source delivers records there; {@link #release}, {@link #hold},
 * {@link #unhold}, {@link #close} and {@link #drained} must be called there. {@link #open} is called once, before any
 * record can arrive.
 */
public final class IntakeGate {

    private final JobSource source;
    private final int maxInFlight;
    private final int maxPerDelivery;
    private final List<CompletableFuture<Void>> drainWaiters = new ArrayList<>();
    private int inFlight;
    private int holds;
    private boolean paused;
    private boolean closed;

    /** A gate for a source that delivers one record at a time. */
    public IntakeGate(JobSource source, int maxInFlight) {
        this(source, maxInFlight, 1);
    }

    /**
     * @param maxInFlight the most jobs in flight
     * @param maxPerDelivery the most records the source hands over at once (its poll size), at most half of
     *     {@code maxInFlight}
     */
    public IntakeGate(JobSource source, int maxInFlight, int maxPerDelivery) {
        if (maxInFlight < 1 || maxPerDelivery < 1 || (maxPerDelivery > 1 && maxPerDelivery > maxInFlight / 2)) {
            throw new IllegalArgumentException(
                    "need 1 <= maxPerDelivery <= maxInFlight / 2, was " + maxPerDelivery + " and " + maxInFlight);
        }
        this.source = source;
        this.maxInFlight = maxInFlight;
        this.maxPerDelivery = maxPerDelivery;
    }

    /** Starts the source; its records reach {@code flow} counted as in flight. */
    public void open(JobSink flow) {
        source.start(new JobSink() {
            @Override
            public void onRecords(List<JobRecord> records) {
                inFlight += records.size();
                flow.onRecords(records);
                apply();
            }

            @Override
            public void onPartitionsGone(Collection<TopicPartition> partitions) {
                flow.onPartitionsGone(partitions);
            }
        });
    }

    /** A job left the flow: finished, abandoned for redelivery, or dropped because its partition was revoked. */
    public void release() {
        inFlight--;
        apply();
        if (inFlight == 0 && !drainWaiters.isEmpty()) {
            source.requestCommit();
            drainWaiters.forEach(w -> w.complete(null));
            drainWaiters.clear();
        }
    }

    /** Keeps intake paused until the matching {@link #unhold()}, whatever the number in flight. */
    public void hold() {
        holds++;
        apply();
    }

    public void unhold() {
        holds--;
        apply();
    }

    /** Stops intake for good: records not yet delivered stay uncommitted and will be redelivered. */
    public void close() {
        closed = true;
        pause();
    }

    /** Completes when no job is in flight. */
    public CompletableFuture<Void> drained() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (inFlight == 0) {
            f.complete(null);
        } else {
            drainWaiters.add(f);
        }
        return f;
    }

    public int inFlight() {
        return inFlight;
    }

    public boolean isPaused() {
        return paused;
    }

    private void apply() {
        if (closed) {
            return;
        }
        if (inFlight + maxPerDelivery > maxInFlight || holds > 0) {
            pause();
        } else if (inFlight <= maxInFlight / 2 && paused) {
            paused = false;
            source.resume();
        }
    }

    private void pause() {
        if (!paused) {
            paused = true;
            source.pause();
        }
    }
}

package dev.vprompt.worker.internal.ingest;

/**
 * A stream of polled job records, driven by its one consumer as a Vert.x {@code ReadStream} is: the consumer starts
 * it with a {@link JobSink}, then pauses and resumes it and asks it to commit. Calls go one way, from the consumer to
 * the source; records come back only through the sink given to {@link #start}.
 *
 * <p>One delivery at a time: a source takes no new records while a batch it handed over has not yet reached the sink,
 * so a {@link #pause()} decided on that batch takes effect before the next one is taken, and the consumer never holds
 * more than its in-flight bound.
 *
 * <p>Threading: every method may be called from any thread and returns without blocking; the sink is called on the
 * executor the source was built with (the flow's event loop).
 */
public interface JobSource {

    /** Starts polling; records and revocations go to {@code sink}. Called once. */
    void start(JobSink sink);

    /** Stops taking new records (already delivered ones are unaffected); the source keeps its group membership. */
    void pause();

    /** Takes records again after {@link #pause()}. */
    void resume();

    /** Asks the source to commit the completed offsets soon (e.g. when the last in-flight job finished). */
    void requestCommit();

    /**
     * Whether the source can still deliver: false once a thread it needs has ended without being asked to (an
     * {@link Error} in its poll loop, say). The worker's liveness fails then, so the process is restarted; true before
     * {@link #start} and after a requested stop.
     */
    boolean isAlive();
}

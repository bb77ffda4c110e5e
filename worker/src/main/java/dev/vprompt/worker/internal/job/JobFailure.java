package dev.vprompt.worker.internal.job;

/**
 * Why a job stage failed, and what to do about it: a {@link #permanent} failure (bad input, or a request the
 * dependency will never grant) ends the job with a FAILED completion and a dead letter; a {@link #transientFailure}
 * (a dependency is down, throttling) is retried with backoff within the job's retry budget and never dead-lettered;
 * a {@link #redeliver} failure ends the job here without publishing or committing anything, so its record is
 * delivered again (its partition was revoked, or the worker is stopping).
 *
 * <p>Immutable and thread-safe.
 */
public final class JobFailure extends RuntimeException {

    /** What the failure asks for. */
    public enum Kind {
        /** Fail the job (FAILED completion + dead letter). */
        PERMANENT,
        /** Try the operation again later. */
        TRANSIENT,
        /** Stop here: publish nothing, commit nothing; the record is delivered again (elsewhere or later). */
        REDELIVER
    }

    private final ErrorCode code;
    private final Kind kind;
    private final Dependency dependency;

    private JobFailure(ErrorCode code, String message, Kind kind, Dependency dependency, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
        this.kind = kind;
        this.dependency = dependency;
    }

    public static JobFailure permanent(ErrorCode code, String message) {
        return new JobFailure(code, message, Kind.PERMANENT, Dependency.NONE, null);
    }

    public static JobFailure permanent(ErrorCode code, String message, Throwable cause) {
        return new JobFailure(code, message, Kind.PERMANENT, Dependency.NONE, cause);
    }

    /** A transient failure that waited on nothing outside the worker (e.g. a full batcher). */
    public static JobFailure transientFailure(String message, Throwable cause) {
        return new JobFailure(ErrorCode.INTERNAL, message, Kind.TRANSIENT, Dependency.NONE, cause);
    }

    /** A transient failure of {@code dependency}: it may pass once the dependency is back. */
    public static JobFailure transientFailure(Dependency dependency, String message, Throwable cause) {
        return new JobFailure(ErrorCode.INTERNAL, message, Kind.TRANSIENT, dependency, cause);
    }

    /**
     * The job is not this worker's to finish (its partition was revoked, the worker is stopping): publish nothing,
     * commit nothing, let the record be redelivered. Never retried here.
     */
    public static JobFailure redeliver(String why) {
        return new JobFailure(ErrorCode.INTERNAL, why, Kind.REDELIVER, Dependency.NONE, null);
    }

    public ErrorCode code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Whether the job must not be failed for this: the operation may be retried ({@link Kind#TRANSIENT}), or the job
     * is left for redelivery ({@link Kind#REDELIVER}).
     */
    public boolean retriable() {
        return kind != Kind.PERMANENT;
    }

    /** What a transient failure waited on; {@link Dependency#NONE} for permanent failures. */
    public Dependency dependency() {
        return dependency;
    }

    /** The cause inside {@code CompletionException} / {@code ExecutionException} wrappers. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                        || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Unwraps completion wrappers; anything that is not a JobFailure becomes a permanent INTERNAL one. */
    public static JobFailure of(Throwable t) {
        Throwable c = unwrap(t);
        if (c instanceof JobFailure f) {
            return f;
        }
        return permanent(ErrorCode.INTERNAL, String.valueOf(c), c);
    }
}

package dev.vprompt.worker.internal.job;

/**
 * Why a job stage failed, and what to do about it: a {@link #permanent} failure (bad input) ends the job with a
 * FAILED completion and a dead letter; a {@link #transientFailure} (a dependency is down, throttling) is retried with
 * backoff and never dead-lettered.
 */
public final class JobFailure extends RuntimeException {

    private final ErrorCode code;
    private final boolean retriable;

    private JobFailure(ErrorCode code, String message, boolean retriable, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
        this.retriable = retriable;
    }

    public static JobFailure permanent(ErrorCode code, String message) {
        return new JobFailure(code, message, false, null);
    }

    public static JobFailure permanent(ErrorCode code, String message, Throwable cause) {
        return new JobFailure(code, message, false, cause);
    }

    public static JobFailure transientFailure(String message, Throwable cause) {
        return new JobFailure(ErrorCode.INTERNAL, message, true, cause);
    }

    public ErrorCode code() {
        return code;
    }

    public boolean retriable() {
        return retriable;
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

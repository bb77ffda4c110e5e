package dev.vprompt.embedded;

/** A topic or a bucket could not be created (or did not become usable in time) on a running stack. */
public final class StackSetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StackSetupException(String message, Throwable cause) {
        super(message, cause);
    }

    public StackSetupException(String message) {
        super(message);
    }
}

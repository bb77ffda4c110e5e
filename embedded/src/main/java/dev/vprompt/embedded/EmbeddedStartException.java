package dev.vprompt.embedded;

/** An embedded server (or a test stack) could not be started; whatever was half started has been released. */
public final class EmbeddedStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmbeddedStartException(String message, Throwable cause) {
        super(message, cause);
    }

    public EmbeddedStartException(String message) {
        super(message);
    }
}

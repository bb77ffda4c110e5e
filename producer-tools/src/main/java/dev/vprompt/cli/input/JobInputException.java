package dev.vprompt.cli.input;

/** The local description of jobs is unusable (missing folder or file, bad manifest line); the message says where. */
public final class JobInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JobInputException(String message) {
        super(message);
    }

    public JobInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.vprompt.cli.engine;

/**
 * A command failed because of its inputs (a missing file, an image of the wrong size, a checkpoint that does not fit
 * the config). The message is the one line the user sees; {@code vp} prints it and exits with code 1.
 */
public final class CliFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CliFailure(String message) {
        super(message);
    }

    public CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

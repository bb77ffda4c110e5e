package dev.vprompt.cli.eval;

/** An evaluation data set is missing, incomplete or malformed; the message says which file and why. */
public final class EvalDataException extends RuntimeException {

    public EvalDataException(String message) {
        super(message);
    }

    public EvalDataException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.vprompt.engine.checkpoint;

/** A checkpoint that cannot be read or does not fit the model: truncated, malformed, missing or mismatched tensors. */
public class CheckpointException extends RuntimeException {

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.vprompt.engine.checkpoint.pickle;

import dev.vprompt.engine.checkpoint.CheckpointException;

/** A pickle that is malformed, truncated or uses something this reader does not support (the message says which). */
public class PickleException extends CheckpointException {

    public PickleException(String message) {
        super(message);
    }
}

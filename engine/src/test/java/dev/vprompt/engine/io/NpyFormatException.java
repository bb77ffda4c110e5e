package dev.vprompt.engine.io;

import java.io.IOException;

/** A {@code .npy} file that is malformed or uses a feature {@link NpyReader} does not support. */
public final class NpyFormatException extends IOException {

    public NpyFormatException(String message) {
        super(message);
    }
}

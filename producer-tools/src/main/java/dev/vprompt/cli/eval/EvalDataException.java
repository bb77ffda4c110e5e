package dev.vprompt.cli.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An evaluation data set is missing, incomplete or malformed; the message says which file and why. */
public final class EvalDataException extends RuntimeException {

    public EvalDataException(String message) {
        super(message);
    }

    public EvalDataException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The bytes of an image file, or this exception naming the file. */
    static byte[] readImage(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new EvalDataException("cannot read image " + file + ": " + e.getMessage(), e);
        }
    }
}

package dev.vprompt.engine.image;

import java.util.Objects;

/**
 * Encoded image bytes that cannot become an {@link RgbImage}. Every reason is permanent for the given bytes: retrying
 * the same input fails the same way, so callers treat it as a bad-input (dead-letter) failure.
 */
public final class ImageDecodeException extends Exception {

    /** Why decoding failed. */
    public enum Reason {
        /** The encoded input is larger than {@link ImageLimits#maxEncodedBytes()}. */
        TOO_LARGE_BYTES,
        /** The header declares more pixels than {@link ImageLimits#maxPixels()}. */
        TOO_MANY_PIXELS,
        /** The header declares a width or height above {@link ImageLimits#maxSide()} (e.g. a 1 x 6,000,000 strip). */
        SIDE_TOO_LONG,
        /** The input looks like a supported format but is damaged or truncated. */
        CORRUPT,
        /** The input is in none of the accepted formats, or uses a variant their readers cannot decode. */
        UNSUPPORTED_FORMAT,
        /** No bytes at all. */
        EMPTY
    }

    private final Reason reason;

    public ImageDecodeException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ImageDecodeException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}

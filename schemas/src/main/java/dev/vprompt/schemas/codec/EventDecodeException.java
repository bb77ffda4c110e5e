package dev.vprompt.schemas.codec;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Bytes that are not a decodable event. The record is poison: retrying cannot help, dead-letter it.
 *
 * <p>{@link #reason()} says what was wrong; {@link #fingerprint()} is the writer schema fingerprint the message
 * claimed, when the header was complete enough to carry one.
 */
public final class EventDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What made the bytes undecodable. */
    public enum Reason {
        /** Null or zero-length input (e.g. a Kafka tombstone). */
        EMPTY,
        /** The bytes do not start with a complete header of the expected wire format. */
        BAD_HEADER,
        /** The header names a writer schema this codec does not know. */
        UNKNOWN_SCHEMA,
        /** The header is fine but the body does not parse with the named schema (truncated, corrupt, trailing bytes). */
        MALFORMED
    }

    private final Reason reason;
    private final Long fingerprint;

    private EventDecodeException(Reason reason, Long fingerprint, String message, Throwable cause) {
        super(reason + ": " + message + describe(fingerprint), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.fingerprint = fingerprint;
    }

    /** A failure found before any fingerprint could be read. */
    public static EventDecodeException of(Reason reason, String message) {
        return new EventDecodeException(reason, null, message, null);
    }

    /** A failure for a message that claimed the given writer schema fingerprint. */
    public static EventDecodeException of(Reason reason, long fingerprint, String message, Throwable cause) {
        return new EventDecodeException(reason, fingerprint, message, cause);
    }

    private static String describe(Long fingerprint) {
        return fingerprint == null ? "" : String.format(" (writer schema fingerprint 0x%016X)", fingerprint);
    }

    /** What was wrong with the bytes. */
    public Reason reason() {
        return reason;
    }

    /** The writer schema fingerprint the message claimed (CRC-64-AVRO for single-object encoding), if it got that far. */
    public OptionalLong fingerprint() {
        return fingerprint == null ? OptionalLong.empty() : OptionalLong.of(fingerprint);
    }
}

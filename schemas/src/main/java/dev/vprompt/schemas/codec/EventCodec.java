package dev.vprompt.schemas.codec;

/**
 * Encodes events of one type to bytes and decodes them back.
 *
 * <p>Implementations are thread-safe: one instance may be shared by every producer and consumer thread.
 *
 * @param <T> the event type
 */
public interface EventCodec<T> {

    /**
     * Encodes an event with the current schema.
     *
     * @param event the event, not null
     * @return a new array owned by the caller
     * @throws IllegalArgumentException if the event cannot be encoded (e.g. a required field is null)
     */
    byte[] encode(T event);

    /**
     * Decodes bytes written by any released version of this event's schema into the current version.
     *
     * <p>Never throws anything but {@link EventDecodeException} for bad input, whatever the bytes are, and never
     * allocates much more memory than the input size.
     *
     * @param bytes the record value as received; may be null or empty (both are rejected)
     * @return the event
     * @throws EventDecodeException if the bytes are not a decodable event of this type
     */
    T decode(byte[] bytes) throws EventDecodeException;

    /** A short name of the wire format, e.g. for a content-type header or a log line. */
    String formatName();
}

package dev.vprompt.schemas.codec;

import dev.vprompt.schemas.codec.EventDecodeException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding: {@code C3 01}, the 8-byte little-endian CRC-64-AVRO fingerprint of the writer
 * schema's parsing canonical form, then the Avro binary body.
 *
 * <p>Encoding uses Avro's {@link BinaryMessageEncoder}, so Avro's own {@code BinaryMessageDecoder} (and the
 * generated {@code fromByteBuffer}) reads what this codec writes. Decoding does not use {@code BinaryMessageDecoder}:
 * that one reads from a stream, so it cannot bound claimed lengths by the bytes left, nor notice trailing bytes.
 * Here the body is read straight from the array, which lets Avro 1.12's decoder reject any string, bytes, array or
 * map length larger than what remains (before allocating), and the codec checks that the record ends exactly at the
 * end of the input. The decoder knows one reader per released writer schema, selected by fingerprint, all resolving
 * into the current generated class.
 *
 * <p>Thread-safe: immutable after construction; Avro's encoder and datum readers keep per-thread buffers, and the
 * binary decoder is reused per thread.
 *
 * @param <T> the generated record class
 */
final class SingleObjectCodec<T extends SpecificRecord> implements EventCodec<T> {

    /** {@link #formatName()} of this wire format. */
    static final String FORMAT_NAME = "avro-single-object";

    /** Marker bytes, then the 8-byte fingerprint. */
    static final int HEADER_LENGTH = 10;

    private static final byte MAGIC_0 = (byte) 0xC3;
    private static final byte MAGIC_1 = (byte) 0x01;
    private static final byte[] NO_BYTES = new byte[0];
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    private final Schema readerSchema;
    private final BinaryMessageEncoder<T> encoder;
    private final Map<Long, DatumReader<T>> readersByFingerprint;

    /**
     * A codec that writes {@code readerSchema} and reads it plus every given writer schema.
     *
     * @throws IllegalStateException if the current schema cannot read one of the writer schemas
     */
    SingleObjectCodec(Class<T> type, Schema readerSchema, List<Schema> writerSchemas) {
        AvroClassTrust.ensureInstalled();
        SpecificData model = SpecificData.getForClass(type);
        this.readerSchema = readerSchema;
        this.encoder = new BinaryMessageEncoder<>(model, readerSchema, false);
        Map<Long, DatumReader<T>> readers = new HashMap<>();
        for (Schema writer : writerSchemas) {
            requireReadable(writer);
            readers.put(fingerprint(writer), new SpecificDatumReader<>(writer, readerSchema, model));
        }
        // Last, so the current schema wins when a release differs only in docs or defaults (same fingerprint).
        readers.put(fingerprint(readerSchema), new SpecificDatumReader<>(readerSchema, readerSchema, model));
        this.readersByFingerprint = Map.copyOf(readers);
    }

    /** A codec for a generated record class that reads every released version of it. */
    static <T extends SpecificRecord> SingleObjectCodec<T> forRecord(Class<T> type, Schema current) {
        return new SingleObjectCodec<>(type, current, ReleasedSchemas.of(current));
    }

    /** The CRC-64-AVRO fingerprint of the schema's parsing canonical form, as written in the header. */
    static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    @Override
    public byte[] encode(T event) {
        if (event == null) {
            throw new IllegalArgumentException("Cannot encode a null " + readerSchema.getName());
        }
        try {
            ByteBuffer buffer = encoder.encode(event);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "Cannot encode " + readerSchema.getName() + ": " + e.getMessage() + " (a required field is null?)",
                    e);
        }
    }

    @Override
    public T decode(byte[] bytes) throws EventDecodeException {
        if (bytes == null || bytes.length == 0) {
            throw EventDecodeException.of(Reason.EMPTY, "no bytes to decode as " + readerSchema.getName());
        }
        if (bytes[0] != MAGIC_0 || (bytes.length > 1 && bytes[1] != MAGIC_1)) {
            throw EventDecodeException.of(Reason.BAD_HEADER, "not Avro single-object encoded (no C3 01 marker)");
        }
        if (bytes.length < HEADER_LENGTH) {
            throw EventDecodeException.of(
                    Reason.BAD_HEADER, "header truncated: " + bytes.length + " of " + HEADER_LENGTH + " bytes");
        }
        long fingerprint =
                ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        DatumReader<T> reader = readersByFingerprint.get(fingerprint);
        if (reader == null) {
            throw EventDecodeException.of(
                    Reason.UNKNOWN_SCHEMA,
                    fingerprint,
                    "no released " + readerSchema.getName() + " schema has this fingerprint",
                    null);
        }
        return readBody(reader, bytes, fingerprint);
    }

    @Override
    public String formatName() {
        return FORMAT_NAME;
    }

    // Avro signals bad input with many unrelated throwables (EOFException, AvroRuntimeException,
    // IndexOutOfBounds, NegativeArraySize, ClassCast...). OutOfMemoryError is caught as a last line of defence:
    // Avro 1.12 bounds every claimed length by the bytes left, so a single bad message should never get there.
    private T readBody(DatumReader<T> reader, byte[] bytes, long fingerprint) throws EventDecodeException {
        BinaryDecoder decoder =
                DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, DECODERS.get());
        DECODERS.set(decoder);
        try {
            T event = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw EventDecodeException.of(
                        Reason.MALFORMED,
                        fingerprint,
                        decoder.remainingBytes() + " trailing bytes after a complete " + readerSchema.getName(),
                        null);
            }
            return event;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            throw EventDecodeException.of(
                    Reason.MALFORMED,
                    fingerprint,
                    readerSchema.getName() + " body does not parse: "
                            + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    e);
        } finally {
            // Do not keep the input array reachable from the thread-local decoder.
            DecoderFactory.get().binaryDecoder(NO_BYTES, 0, 0, decoder);
        }
    }

    private void requireReadable(Schema writer) {
        SchemaCompatibilityType result = SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer)
                .getType();
        if (result != SchemaCompatibilityType.COMPATIBLE) {
            throw new IllegalStateException("Current " + readerSchema.getFullName()
                    + " schema cannot read a released version (fingerprint " + fingerprint(writer) + ")");
        }
    }
}

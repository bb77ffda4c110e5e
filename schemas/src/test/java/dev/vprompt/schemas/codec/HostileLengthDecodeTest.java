package dev.vprompt.schemas.codec;

import static dev.vprompt.schemas.codec.DecodeAssertions.rejectedWithoutBigAllocation;
import static dev.vprompt.schemas.codec.GarbageDecodeTest.concat;

import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.codec.EventDecodeException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Valid messages whose length or count varint was replaced by a huge (or negative) claim: each must be rejected as
 * MALFORMED without allocating anything near the claimed size.
 */
class HostileLengthDecodeTest {

    private static final int HEADER = SingleObjectCodec.HEADER_LENGTH;

    @ParameterizedTest
    @ValueSource(longs = {Integer.MAX_VALUE - 8, Integer.MAX_VALUE, 1L << 40, Long.MAX_VALUE, -1, Long.MIN_VALUE})
    void shouldRejectWithoutAllocatingWhenStringLengthIsHuge(long claimed) {
        // Given: the body of a minimal job starts with the jobId length ("job-1": one varint byte)
        byte[] valid = EventCodecs.promptJob().encode(TestEvents.minimalPromptJob());
        byte[] hostile = splice(valid, HEADER, 1, varint(claimed));

        // When / Then
        rejectedWithoutBigAllocation(EventCodecs.promptJob(), hostile, Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(
            longs = {Integer.MAX_VALUE - 8, Integer.MAX_VALUE, 1L << 40, Long.MAX_VALUE, -(1L << 40), Long.MIN_VALUE})
    void shouldRejectWithoutAllocatingWhenArrayCountIsHuge(long claimed) {
        // Given: after jobId, submittedAt and task comes the examples block count (0 for a minimal job)
        PromptJob job = TestEvents.minimalPromptJob();
        byte[] valid = EventCodecs.promptJob().encode(job);
        int countAt = HEADER + prefixLength(job);
        byte[] hostile = splice(valid, countAt, 1, varint(claimed));

        // When / Then
        rejectedWithoutBigAllocation(EventCodecs.promptJob(), hostile, Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(
            longs = {Integer.MAX_VALUE - 8, Integer.MAX_VALUE, 1L << 40, Long.MAX_VALUE, -(1L << 40), Long.MIN_VALUE})
    void shouldRejectWithoutAllocatingWhenMapCountIsHuge(long claimed) {
        // Given: a minimal job's empty attributes map (a single 0 block count) is followed by the version-2 fields,
        // examplePool's null branch and k = 1
        byte[] valid = EventCodecs.promptJob().encode(TestEvents.minimalPromptJob());
        int after = write(e -> {
                    e.writeIndex(0);
                    e.writeInt(1);
                })
                .length;
        byte[] hostile = splice(valid, valid.length - after - 1, 1, varint(claimed));

        // When / Then
        rejectedWithoutBigAllocation(EventCodecs.promptJob(), hostile, Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(longs = {Integer.MAX_VALUE - 8, Integer.MAX_VALUE, 1L << 40, Long.MAX_VALUE, -1})
    void shouldRejectWithoutAllocatingWhenBytesLengthIsHuge(long claimed) {
        // Given: a minimal dead letter starts with two null union branches (0, 0); make the second one "bytes"
        byte[] valid = EventCodecs.deadLetter().encode(TestEvents.minimalDeadLetter());
        byte[] hostile = splice(valid, HEADER + 1, 1, concat(varint(1), varint(claimed)));

        // When / Then
        rejectedWithoutBigAllocation(EventCodecs.deadLetter(), hostile, Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 11, 64})
    void shouldRejectWhenVarintNeverEnds(int continuationBytes) {
        // Given: every byte has the continuation bit set, longer than any valid long
        byte[] valid = EventCodecs.promptJob().encode(TestEvents.minimalPromptJob());
        byte[] endless = new byte[continuationBytes];
        Arrays.fill(endless, (byte) 0xFF);
        byte[] hostile = concat(Arrays.copyOf(valid, HEADER), endless);

        // When / Then
        rejectedWithoutBigAllocation(EventCodecs.promptJob(), hostile, Reason.MALFORMED);
    }

    /** Avro binary length of jobId, submittedAt and task, written independently of the codec. */
    private static int prefixLength(PromptJob job) {
        return write(e -> {
                    e.writeString(job.getJobId());
                    e.writeLong(job.getSubmittedAt().toEpochMilli());
                    e.writeEnum(job.getTask().ordinal());
                })
                .length;
    }

    private static byte[] varint(long value) {
        return write(e -> e.writeLong(value));
    }

    private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
        byte[] head = Arrays.copyOf(bytes, at);
        byte[] tail = Arrays.copyOfRange(bytes, at + removed, bytes.length);
        return concat(concat(head, inserted), tail);
    }

    private interface Writes {
        void to(BinaryEncoder encoder) throws IOException;
    }

    private static byte[] write(Writes writes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            writes.to(encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

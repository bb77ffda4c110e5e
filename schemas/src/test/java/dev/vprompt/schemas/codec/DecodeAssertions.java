package dev.vprompt.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vprompt.schemas.codec.EventDecodeException.Reason;
import java.lang.management.ManagementFactory;
import java.util.HexFormat;

/** Decodes hostile input and checks that the only possible failure is the expected {@link EventDecodeException}. */
final class DecodeAssertions {

    /** Far above what decoding a message of a few hundred bytes needs, far below any claimed huge length. */
    static final long MAX_ALLOCATION_BYTES = 1L << 20;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private DecodeAssertions() {}

    /** Decodes and returns the exception; fails the test on success or on any other throwable. */
    static EventDecodeException rejected(EventCodec<?> codec, byte[] bytes, Reason expected) {
        Object decoded;
        try {
            decoded = codec.decode(bytes);
        } catch (EventDecodeException e) {
            assertThat(e.reason())
                    .as("reason for %s (%s)", hex(bytes), e.getMessage())
                    .isEqualTo(expected);
            return e;
        } catch (Throwable t) { // the point of the test: nothing else may escape
            throw new AssertionError("decode threw " + t + " instead of EventDecodeException for " + hex(bytes), t);
        }
        return fail("decoded %s into %s, expected %s", hex(bytes), decoded, expected);
    }

    /**
     * Like {@link #rejected} but also checks the decode attempt allocated at most {@link #MAX_ALLOCATION_BYTES}. The
     * first attempt warms up (class loading, per-thread resolver grammar), the second one is measured.
     */
    static EventDecodeException rejectedWithoutBigAllocation(EventCodec<?> codec, byte[] bytes, Reason expected) {
        rejected(codec, bytes, expected);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        EventDecodeException e = rejected(codec, bytes, expected);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated decoding %s", hex(bytes)).isLessThan(MAX_ALLOCATION_BYTES);
        return e;
    }

    /**
     * Input that may by chance be a valid event (random body under a known header): decoding either succeeds or fails
     * with {@code MALFORMED}; nothing else may happen.
     *
     * @return true when it was rejected
     */
    static boolean malformedOrDecoded(EventCodec<?> codec, byte[] bytes) {
        try {
            codec.decode(bytes);
            return false;
        } catch (EventDecodeException e) {
            assertThat(e.reason())
                    .as("reason for %s (%s)", hex(bytes), e.getMessage())
                    .isEqualTo(Reason.MALFORMED);
            assertThat(e.fingerprint()).isPresent();
            return true;
        } catch (Throwable t) { // the point of the test: nothing else may escape
            throw new AssertionError("decode threw " + t + " instead of EventDecodeException for " + hex(bytes), t);
        }
    }

    static String hex(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        String text = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 64));
        return bytes.length > 64 ? text + "...(" + bytes.length + " bytes)" : text;
    }
}

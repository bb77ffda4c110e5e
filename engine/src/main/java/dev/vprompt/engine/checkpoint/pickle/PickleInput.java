package dev.vprompt.engine.checkpoint.pickle;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Reads the operands of pickle opcodes from a buffer. Not thread-safe: confine to one {@link Unpickler}. */
final class PickleInput {

    private final ByteBuffer in;

    PickleInput(ByteBuffer pickle) {
        this.in = pickle.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    int position() {
        return in.position();
    }

    int u8() {
        return in.get() & 0xff;
    }

    int u16() {
        return in.getShort() & 0xffff;
    }

    int i32() {
        return in.getInt();
    }

    long u32() {
        return in.getInt() & 0xffffffffL;
    }

    long u64() {
        long n = in.getLong();
        if (n < 0) {
            throw new PickleException("operand length " + Long.toUnsignedString(n) + " is out of range");
        }
        return n;
    }

    /** An 8-byte big-endian IEEE double ({@code BINFLOAT}). */
    double float64BigEndian() {
        return Double.longBitsToDouble(Long.reverseBytes(in.getLong()));
    }

    byte[] bytes(long n) {
        if (n > in.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] b = new byte[(int) n];
        in.get(b);
        return b;
    }

    String utf8(long n) {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    void skip(long n) {
        if (n > in.remaining()) {
            throw new BufferUnderflowException();
        }
        in.position(in.position() + (int) n);
    }

    /** A text operand up to (not including) the next newline, as protocol-0 opcodes and GLOBAL use. */
    String line() {
        return line(StandardCharsets.UTF_8);
    }

    /** Like {@link #line()} with the given text encoding. */
    String line(java.nio.charset.Charset charset) {
        int start = in.position();
        int end = start;
        while (in.get(end) != '\n') {
            end++;
            if (end >= in.limit()) {
                throw new BufferUnderflowException();
            }
        }
        byte[] b = new byte[end - start];
        in.get(b);
        in.get();
        return new String(b, charset);
    }

    /** A little-endian two's complement integer of n bytes ({@code LONG1}/{@code LONG4}): Long when it fits. */
    Object longOf(long n) {
        byte[] le = bytes(n);
        if (le.length == 0) {
            return 0L;
        }
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return narrow(new BigInteger(be));
    }

    /** A Long when the value fits 64 bits, else the BigInteger itself. */
    static Object narrow(BigInteger value) {
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }
}

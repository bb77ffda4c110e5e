package dev.vprompt.engine.io;

import java.util.Locale;

/** The NumPy element types {@link NpyReader} understands (all little-endian or single-byte). */
public enum NpyDType {
    FLOAT32(4, "<f4"),
    FLOAT64(8, "<f8"),
    INT64(8, "<i8"),
    INT32(4, "<i4"),
    UINT8(1, "|u1"),
    BOOL(1, "|b1");

    private final int byteSize;
    private final String descr;

    NpyDType(int byteSize, String descr) {
        this.byteSize = byteSize;
        this.descr = descr;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The canonical NumPy {@code descr} string, e.g. {@code <f4}. */
    public String descr() {
        return descr;
    }

    /**
     * The type for a NumPy {@code descr} string. Single-byte types are accepted with any byte-order mark
     * ({@code |u1}, {@code <u1}, {@code =u1}).
     *
     * @throws NpyFormatException when the type is not supported (e.g. big-endian or complex)
     */
    static NpyDType fromDescr(String descr) throws NpyFormatException {
        String d = descr.toLowerCase(Locale.ROOT);
        if (d.length() == 3 && (d.charAt(1) == 'u' || d.charAt(1) == 'b') && d.charAt(2) == '1') {
            return d.charAt(1) == 'u' ? UINT8 : BOOL;
        }
        for (NpyDType t : values()) {
            if (t.descr.equals(d)) {
                return t;
            }
        }
        throw new NpyFormatException("unsupported dtype '" + descr + "' (little-endian f4, f8, i8, i4, u1, b1 only)");
    }
}

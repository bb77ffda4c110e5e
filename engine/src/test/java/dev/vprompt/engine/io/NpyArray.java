package dev.vprompt.engine.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array read from a {@code .npy} file: shape, element type and the raw little-endian data in C
 * (row-major) order. Immutable: {@link #data()} is a read-only view; the typed accessors copy.
 *
 * @param shape the dimensions; empty for a 0-d scalar
 * @param dtype the element type
 * @param data the element bytes, little-endian, exactly {@code size() * dtype.byteSize()} long
 */
public record NpyArray(int[] shape, NpyDType dtype, ByteBuffer data) {

    public NpyArray {
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n * dtype.byteSize() != data.remaining()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + n * dtype.byteSize() + " bytes, got " + data.remaining());
        }
        data = data.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Number of elements (1 for a 0-d scalar). */
    public int size() {
        return data.remaining() / dtype.byteSize();
    }

    /** The flat C-order index of the element at the given coordinates. */
    public int flatIndex(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("expected " + shape.length + " indices, got " + index.length);
        }
        int flat = 0;
        for (int i = 0; i < shape.length; i++) {
            Objects.checkIndex(index[i], shape[i]);
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    /** Element {@code flat} of any dtype as a double (booleans as 0/1, uint8 unsigned). */
    public double getAsDouble(int flat) {
        int off = Objects.checkIndex(flat, size()) * dtype.byteSize();
        return switch (dtype) {
            case FLOAT32 -> data.getFloat(off);
            case FLOAT64 -> data.getDouble(off);
            case INT64 -> data.getLong(off);
            case INT32 -> data.getInt(off);
            case UINT8, BOOL -> data.get(off) & 0xFF;
        };
    }

    /** Element {@code flat} of an integer or boolean dtype as a long. */
    public long getAsLong(int flat) {
        int off = Objects.checkIndex(flat, size()) * dtype.byteSize();
        return switch (dtype) {
            case INT64 -> data.getLong(off);
            case INT32 -> data.getInt(off);
            case UINT8, BOOL -> data.get(off) & 0xFF;
            case FLOAT32, FLOAT64 -> throw new IllegalStateException("getAsLong on " + dtype);
        };
    }

    /** All elements of a FLOAT32 array. */
    public float[] toFloatArray() {
        require(NpyDType.FLOAT32);
        float[] out = new float[size()];
        data().asFloatBuffer().get(out);
        return out;
    }

    /** All elements widened to double (any dtype). */
    public double[] toDoubleArray() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getAsDouble(i);
        }
        return out;
    }

    /** All elements of an integer or boolean array widened to long. */
    public long[] toLongArray() {
        long[] out = new long[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getAsLong(i);
        }
        return out;
    }

    /** All elements of an INT32, UINT8 (unsigned) or BOOL array as ints. */
    public int[] toIntArray() {
        if (dtype == NpyDType.INT64 || dtype == NpyDType.FLOAT32 || dtype == NpyDType.FLOAT64) {
            throw new IllegalStateException("toIntArray on " + dtype + " would lose information");
        }
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) getAsLong(i);
        }
        return out;
    }

    /** The raw bytes of a UINT8 or BOOL array. */
    public byte[] toByteArray() {
        if (dtype != NpyDType.UINT8 && dtype != NpyDType.BOOL) {
            throw new IllegalStateException("toByteArray on " + dtype);
        }
        byte[] out = new byte[size()];
        data().get(out);
        return out;
    }

    /** All elements of a BOOL array. */
    public boolean[] toBooleanArray() {
        require(NpyDType.BOOL);
        boolean[] out = new boolean[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.get(i) != 0;
        }
        return out;
    }

    private void require(NpyDType expected) {
        if (dtype != expected) {
            throw new IllegalStateException("array is " + dtype + ", not " + expected);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && dtype == a.dtype && Arrays.equals(shape, a.shape) && data.equals(a.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(shape) + dtype.hashCode()) + data.hashCode();
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}

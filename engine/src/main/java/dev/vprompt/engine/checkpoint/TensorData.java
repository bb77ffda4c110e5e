package dev.vprompt.engine.checkpoint;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One named tensor of a checkpoint: its shape, element type and contiguous little-endian row-major data.
 *
 * @param data a read-only buffer positioned at the first element, limit at the end of the tensor; it may be a slice
 *     of a memory-mapped file
 */
public record TensorData(String name, long[] shape, DType dtype, ByteBuffer data) {

    public long numel() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}

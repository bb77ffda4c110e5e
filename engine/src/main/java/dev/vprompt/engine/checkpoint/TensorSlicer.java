package dev.vprompt.engine.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns a {@link TensorRef} plus the bytes of its storage record into {@link TensorData}: a zero-copy slice when the
 * tensor is contiguous, a gathered copy when it is a strided view. Checks that the record holds every byte the tensor
 * needs. Stateless and thread-safe.
 */
final class TensorSlicer {

    private TensorSlicer() {}

    /**
     * @param where names the file and record for error messages
     * @throws CheckpointException when the dtype is unsupported or the record is shorter than the tensor needs
     */
    static TensorData slice(String name, TensorRef ref, ByteBuffer record, String where) {
        DType dtype = ref.storage()
                .dtype()
                .orElseThrow(() -> new CheckpointException(where + ": tensor '" + name
                        + "' has unsupported storage type " + ref.storage().type()));
        requireNonNegative(name, ref, where);
        try {
            return checkedSlice(name, ref, record, where, dtype);
        } catch (ArithmeticException e) {
            throw new CheckpointException(where + ": tensor '" + name + "' " + ref + " is too large (overflow)", e);
        }
    }

    private static TensorData checkedSlice(String name, TensorRef ref, ByteBuffer record, String where, DType dtype) {
        int elem = dtype.bytes();
        long declared = Math.multiplyExact(ref.storage().numel(), elem);
        if (record.limit() < declared) {
            throw new CheckpointException(where + ": storage record holds " + record.limit() + " bytes but declares "
                    + ref.storage().numel() + " " + dtype + " elements (" + declared + " bytes) for tensor '" + name
                    + "'");
        }
        long numel = ref.numel();
        if (numel == 0) {
            ByteBuffer empty = ByteBuffer.allocate(0).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
            return new TensorData(name, ref.size().clone(), dtype, empty);
        }
        long needed = Math.multiplyExact(extent(ref), elem);
        if (needed > record.limit()) {
            throw new CheckpointException(where + ": tensor '" + name + "' " + ref + " needs " + needed
                    + " bytes but the storage record holds only " + record.limit());
        }
        ByteBuffer data = ref.contiguous()
                ? record.slice((int) (ref.storageOffset() * elem), (int) (numel * elem))
                : gather(ref, record, elem, numel);
        return new TensorData(
                name, ref.size().clone(), dtype, data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    private static void requireNonNegative(String name, TensorRef ref, String where) {
        boolean negative = ref.storageOffset() < 0 || ref.storage().numel() < 0;
        for (int i = 0; i < ref.size().length; i++) {
            negative |= ref.size()[i] < 0 || ref.stride()[i] < 0;
        }
        if (negative) {
            throw new CheckpointException(
                    where + ": tensor '" + name + "' has a negative size, stride or offset: " + ref);
        }
    }

    /** One past the highest element index the view touches (sizes are all positive here). */
    private static long extent(TensorRef ref) {
        long last = ref.storageOffset();
        for (int i = 0; i < ref.size().length; i++) {
            last = Math.addExact(last, Math.multiplyExact(ref.size()[i] - 1, ref.stride()[i]));
        }
        return Math.addExact(last, 1);
    }

    /** Copies a strided view into a new row-major buffer. */
    private static ByteBuffer gather(TensorRef ref, ByteBuffer record, int elem, long numel) {
        if (numel * elem > Integer.MAX_VALUE) {
            throw new CheckpointException("strided tensor of " + numel + " elements is too large to copy");
        }
        long[] size = ref.size();
        long[] stride = ref.stride();
        ByteBuffer out = ByteBuffer.allocateDirect((int) (numel * elem));
        long[] index = new long[size.length];
        byte[] element = new byte[elem];
        for (long n = 0; n < numel; n++) {
            long at = ref.storageOffset();
            for (int d = 0; d < size.length; d++) {
                at += index[d] * stride[d];
            }
            record.get((int) (at * elem), element);
            out.put(element);
            for (int d = size.length - 1; d >= 0 && ++index[d] == size[d]; d--) {
                index[d] = 0;
            }
        }
        return out.flip();
    }
}

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
        int elem = dtype.bytes();
        long declared = ref.storage().numel() * elem;
        if (record.limit() < declared) {
            throw new CheckpointException(where + ": storage record holds " + record.limit() + " bytes but declares "
                    + ref.storage().numel() + " " + dtype + " elements (" + declared + " bytes) for tensor '" + name
                    + "'");
        }
        long[] shape = ref.size().clone();
        long numel = ref.numel();
        if (numel == 0) {
            return new TensorData(
                    name,
                    shape,
                    dtype,
                    ByteBuffer.allocate(0).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
        }
        long extent = extent(name, ref, where);
        if (extent * elem > record.limit()) {
            throw new CheckpointException(where + ": tensor '" + name + "' " + ref + " needs " + extent * elem
                    + " bytes but the storage record holds only " + record.limit());
        }
        ByteBuffer data = ref.contiguous()
                ? record.slice((int) (ref.storageOffset() * elem), (int) (numel * elem))
                : gather(ref, record, elem, numel);
        return new TensorData(name, shape, dtype, data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /** One past the highest element index the view touches. */
    private static long extent(String name, TensorRef ref, String where) {
        if (ref.storageOffset() < 0) {
            throw new CheckpointException(where + ": tensor '" + name + "' has negative storage offset");
        }
        long last = ref.storageOffset();
        for (int i = 0; i < ref.size().length; i++) {
            if (ref.size()[i] < 0 || ref.stride()[i] < 0) {
                throw new CheckpointException(where + ": tensor '" + name + "' has negative size or stride: " + ref);
            }
            last += (ref.size()[i] - 1) * ref.stride()[i];
        }
        return last + 1;
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

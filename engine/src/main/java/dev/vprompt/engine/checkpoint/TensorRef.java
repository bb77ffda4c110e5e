package dev.vprompt.engine.checkpoint;

import java.util.Arrays;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a view of a storage. Only a description; the
 * storage bytes are read when the tensor is materialised.
 *
 * @param storageOffset offset of the first element, in elements
 * @param size the shape
 * @param stride the step between neighbours along each dimension, in elements
 */
record TensorRef(StorageRef storage, long storageOffset, long[] size, long[] stride) {

    long numel() {
        long n = 1;
        for (long d : size) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Whether the elements are laid out row-major without gaps (dimensions of size 1 may have any stride). */
    boolean contiguous() {
        long expected = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            if (size[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= size[i];
        }
        return true;
    }

    @Override
    public String toString() {
        return "tensor" + Arrays.toString(size) + " stride " + Arrays.toString(stride) + " at " + storageOffset
                + " of storage '" + storage.key() + "'";
    }
}

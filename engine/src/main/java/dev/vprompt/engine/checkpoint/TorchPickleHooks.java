package dev.vprompt.engine.checkpoint;

import dev.vprompt.engine.checkpoint.pickle.PickleException;
import dev.vprompt.engine.checkpoint.pickle.PickleHooks;
import dev.vprompt.engine.checkpoint.pickle.PyGlobal;
import dev.vprompt.engine.checkpoint.pickle.PyTuple;
import java.util.List;

/**
 * Gives PyTorch's pickle conventions their data meaning: storage persistent ids become {@link StorageRef}s and the
 * tensor rebuild functions become {@link TensorRef}s. No bytes are read here, so tensors that are never looked at
 * (optimizer state) cost nothing. Other globals stay opaque. Stateless and thread-safe.
 */
final class TorchPickleHooks implements PickleHooks {

    private static final String UTILS = "torch._utils";

    @Override
    public Object persistentLoad(Object pid) {
        if (pid instanceof PyTuple t
                && t.size() >= 5
                && "storage".equals(t.get(0))
                && t.get(1) instanceof PyGlobal type
                && t.get(4) instanceof Long numel) {
            return new StorageRef(type, String.valueOf(t.get(2)), String.valueOf(t.get(3)), numel);
        }
        throw new PickleException(
                "unsupported persistent id " + pid + " (expected ('storage', type, key, location, " + "numel))");
    }

    @Override
    public Object reduce(PyGlobal callable, PyTuple args) {
        if (callable.is(UTILS, "_rebuild_tensor_v2") || callable.is(UTILS, "_rebuild_tensor")) {
            return tensor(callable, args);
        }
        if ((callable.is(UTILS, "_rebuild_parameter") || callable.is(UTILS, "_rebuild_parameter_with_state"))
                && args.size() > 0
                && args.get(0) instanceof TensorRef data) {
            return data;
        }
        if (callable.is("torch._tensor", "_rebuild_from_type_v2")
                && args.size() >= 3
                && args.get(0) instanceof PyGlobal function
                && args.get(2) instanceof PyTuple functionArgs) {
            return reduce(function, functionArgs);
        }
        return null;
    }

    private static TensorRef tensor(PyGlobal callable, PyTuple args) {
        if (args.size() < 4 || !(args.get(0) instanceof StorageRef storage) || !(args.get(1) instanceof Long offset)) {
            throw new PickleException(callable + " called with unexpected arguments " + args);
        }
        long[] size = longs(callable, args.get(2));
        long[] stride = longs(callable, args.get(3));
        if (size.length != stride.length) {
            throw new PickleException(
                    callable + ": size " + args.get(2) + " and stride " + args.get(3) + " have different lengths");
        }
        return new TensorRef(storage, offset, size, stride);
    }

    private static long[] longs(PyGlobal callable, Object tuple) {
        List<Object> items = tuple instanceof PyTuple t ? t.items() : null;
        if (items == null || !items.stream().allMatch(Long.class::isInstance)) {
            throw new PickleException(callable + ": expected a tuple of ints, got " + tuple);
        }
        return items.stream().mapToLong(Long.class::cast).toArray();
    }
}

package dev.vprompt.engine.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a state dict against the tensors a model needs, reporting every problem at once.
 *
 * <p>Thread-safe: stateless.
 */
public final class ModelKeys {

    private static final Logger LOGGER = LoggerFactory.getLogger(ModelKeys.class);

    private ModelKeys() {}

    /**
     * Requires every expected tensor to be present with exactly the expected shape. Tensors the model does not expect
     * are allowed (the checkpoint may hold more, e.g. the unused VQGAN encoder) and listed at DEBUG.
     *
     * @param expected tensor name to shape, in the model's order
     * @throws CheckpointException one exception whose message lists every missing tensor and every shape mismatch
     *     (name, expected shape, actual shape)
     */
    public static void requireShapes(StateDict stateDict, Map<String, long[]> expected) {
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        expected.forEach((name, shape) -> {
            TensorData actual = stateDict.tensors().get(name);
            if (actual == null) {
                missing.add(name + " " + Arrays.toString(shape));
            } else if (!Arrays.equals(actual.shape(), shape)) {
                mismatched.add(
                        name + ": expected " + Arrays.toString(shape) + ", actual " + Arrays.toString(actual.shape()));
            }
        });
        if (LOGGER.isDebugEnabled()) {
            TreeSet<String> unexpected = new TreeSet<>(stateDict.tensors().keySet());
            unexpected.removeAll(expected.keySet());
            LOGGER.debug("{} tensors in the state dict are not used by the model: {}", unexpected.size(), unexpected);
        }
        if (!missing.isEmpty() || !mismatched.isEmpty()) {
            StringBuilder message = new StringBuilder("state dict does not fit the model: ")
                    .append(missing.size())
                    .append(" missing tensor(s), ")
                    .append(mismatched.size())
                    .append(" shape mismatch(es)");
            missing.forEach(m -> message.append("\n  missing ").append(m));
            mismatched.forEach(m -> message.append("\n  shape mismatch ").append(m));
            throw new CheckpointException(message.toString());
        }
    }
}

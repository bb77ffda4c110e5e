package dev.vprompt.engine.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A model state dict: tensor name to tensor, in checkpoint order. Immutable. */
public final class StateDict {

    private final Map<String, TensorData> tensors;

    public StateDict(Map<String, TensorData> tensors) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    public Map<String, TensorData> tensors() {
        return tensors;
    }

    public Optional<TensorData> find(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /** The tensor, or a {@link CheckpointException} naming it when it is absent. */
    public TensorData get(String name) {
        TensorData t = tensors.get(name);
        if (t == null) {
            throw new CheckpointException("missing tensor '" + name + "'");
        }
        return t;
    }

    public int size() {
        return tensors.size();
    }
}

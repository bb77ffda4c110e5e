package dev.vprompt.engine.checkpoint.pickle;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Python {@code dict} or {@code collections.OrderedDict}: insertion-ordered items plus the instance attributes a
 * {@code BUILD} opcode set on it (PyTorch state dicts carry {@code _metadata} that way). Equality looks at the items
 * only. Not thread-safe: confine to the thread that unpickled it.
 */
public final class PyDict extends LinkedHashMap<Object, Object> {

    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final boolean ordered;

    /** A plain {@code dict}. */
    public PyDict() {
        this(false);
    }

    /**
     * @param ordered whether this is a {@code collections.OrderedDict} (a {@link PickleWriter} writes it as one)
     */
    public PyDict(boolean ordered) {
        this.ordered = ordered;
    }

    /** Whether this was (or is to be pickled as) a {@code collections.OrderedDict}. */
    public boolean ordered() {
        return ordered;
    }

    /** Instance attributes (the {@code __dict__} of an {@code OrderedDict}); empty for a plain dict. */
    public Map<String, Object> attributes() {
        return attributes;
    }
}

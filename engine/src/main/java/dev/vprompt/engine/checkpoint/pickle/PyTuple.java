package dev.vprompt.engine.checkpoint.pickle;

import java.util.Arrays;
import java.util.List;

/**
 * A Python tuple: an immutable list of values (elements may be {@code null} for {@code None}).
 *
 * @param items the elements, in order
 */
public record PyTuple(List<Object> items) {

    /** The empty tuple. */
    public static final PyTuple EMPTY = new PyTuple(List.of());

    public PyTuple {
        items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }

    /** A tuple of the given elements. */
    public static PyTuple of(Object... items) {
        return new PyTuple(Arrays.asList(items));
    }

    public int size() {
        return items.size();
    }

    public Object get(int index) {
        return items.get(index);
    }

    @Override
    public String toString() {
        return items.toString().replace('[', '(').replace(']', ')');
    }
}

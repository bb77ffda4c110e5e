package dev.vprompt.engine.checkpoint.pickle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An opaque instance of a Python class that was not given a data meaning: its class, the arguments it was built with,
 * and whatever {@code BUILD}, {@code SETITEMS} or {@code APPENDS} added to it. Nothing is executed to create it (for
 * example an {@code argparse.Namespace}, whose attributes end up in {@link #attributes()}). Not thread-safe: confine to
 * the thread that unpickled it.
 */
public final class PyObject {

    private final PyGlobal type;
    private final PyTuple args;
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final Map<Object, Object> items = new LinkedHashMap<>();
    private final List<Object> elements = new ArrayList<>();
    private final boolean constructed;
    private Object state;

    /** An object made by calling {@code type(*args)} ({@code REDUCE}). */
    public PyObject(PyGlobal type, PyTuple args) {
        this(type, args, false);
    }

    /**
     * @param constructed true when made by {@code type.__new__(type, *args)} ({@code NEWOBJ}, as for
     *     {@code argparse.Namespace}), false when made by a call ({@code REDUCE})
     */
    public PyObject(PyGlobal type, PyTuple args, boolean constructed) {
        this.type = type;
        this.args = args;
        this.constructed = constructed;
    }

    /** Whether the object was created with {@code NEWOBJ} rather than a call. */
    public boolean constructed() {
        return constructed;
    }

    /** The class (or factory) this object was created from. */
    public PyGlobal type() {
        return type;
    }

    /** The arguments given to the class or factory. */
    public PyTuple args() {
        return args;
    }

    /** Attributes set by {@code BUILD} with a dict state (e.g. the fields of an {@code argparse.Namespace}). */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** Items added with {@code SETITEM(S)} (dict subclasses). */
    public Map<Object, Object> items() {
        return items;
    }

    /** Elements added with {@code APPEND(S)} (list subclasses). */
    public List<Object> elements() {
        return elements;
    }

    /** The raw {@code BUILD} state when it was not a dict, else {@code null}. */
    public Object state() {
        return state;
    }

    /** Applies a {@code BUILD} state: a dict (or a (dict, slots) pair) becomes attributes, anything else the state. */
    public void build(Object newState) {
        if (!PickleValues.mergeAttributes(attributes, newState)) {
            this.state = newState;
        }
    }

    @Override
    public String toString() {
        return type + args.toString() + (attributes.isEmpty() ? "" : attributes.toString());
    }
}

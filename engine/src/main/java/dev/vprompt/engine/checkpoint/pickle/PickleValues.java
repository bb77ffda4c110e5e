package dev.vprompt.engine.checkpoint.pickle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in container rules: calls on standard-library classes that only build data ({@code OrderedDict},
 * {@code set}, {@code _codecs.encode} for protocol-2 bytes, ...) are given their data meaning; anything else stays an
 * opaque {@link PyObject}. Stateless and thread-safe.
 */
final class PickleValues {

    private PickleValues() {}

    /** The data value of {@code callable(*args)} when it is a known pure container constructor, else a PyObject. */
    static Object reduce(PyGlobal callable, PyTuple args) {
        String module = callable.module();
        String name = callable.name();
        boolean builtin = module.equals("builtins") || module.equals("__builtin__");
        if (callable.is("collections", "OrderedDict") || (builtin && name.equals("dict"))) {
            return dictOf(callable, args);
        }
        if (builtin && (name.equals("set") || name.equals("frozenset"))) {
            Set<Object> set = new LinkedHashSet<>(args.size() == 0 ? List.of() : iterable(callable, args.get(0)));
            return name.equals("set") ? set : Collections.unmodifiableSet(set);
        }
        if (builtin && name.equals("list")) {
            return new ArrayList<>(args.size() == 0 ? List.of() : iterable(callable, args.get(0)));
        }
        if (builtin && name.equals("tuple")) {
            return args.size() == 0 ? PyTuple.EMPTY : new PyTuple(new ArrayList<>(iterable(callable, args.get(0))));
        }
        if (callable.is("_codecs", "encode") || (builtin && (name.equals("bytes") || name.equals("bytearray")))) {
            return bytesOf(callable, args);
        }
        if (callable.is("copyreg", "_reconstructor") && args.size() > 0 && args.get(0) instanceof PyGlobal cls) {
            return new PyObject(cls, PyTuple.EMPTY);
        }
        return new PyObject(callable, args);
    }

    /** Merges a {@code BUILD} state that is a dict, or a (dict, slots) pair, into attributes; false otherwise. */
    static boolean mergeAttributes(Map<String, Object> attributes, Object state) {
        if (state instanceof PyTuple t && t.size() == 2 && (t.get(0) == null || t.get(0) instanceof Map)) {
            return (t.get(0) == null || mergeAttributes(attributes, t.get(0))) && mergeAttributes(attributes, t.get(1));
        }
        if (state instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                attributes.put(String.valueOf(e.getKey()), e.getValue());
            }
            return true;
        }
        return false;
    }

    private static PyDict dictOf(PyGlobal callable, PyTuple args) {
        PyDict dict = new PyDict(callable.is("collections", "OrderedDict"));
        if (args.size() > 0 && args.get(0) instanceof Map<?, ?> map) {
            dict.putAll(map);
        } else if (args.size() > 0) {
            for (Object pair : iterable(callable, args.get(0))) {
                List<?> kv = pair instanceof PyTuple t ? t.items() : (List<?>) pair;
                dict.put(kv.get(0), kv.get(1));
            }
        }
        return dict;
    }

    private static byte[] bytesOf(PyGlobal callable, PyTuple args) {
        if (args.size() == 0) {
            return new byte[0];
        }
        Object first = args.get(0);
        if (first instanceof byte[] b) {
            return b.clone();
        }
        if (first instanceof String s) {
            String encoding =
                    args.size() > 1 ? String.valueOf(args.get(1)).toLowerCase(java.util.Locale.ROOT) : "utf-8";
            return s.getBytes(
                    encoding.startsWith("latin") || encoding.equals("iso-8859-1")
                            ? StandardCharsets.ISO_8859_1
                            : StandardCharsets.UTF_8);
        }
        if (first instanceof List<?> list) {
            byte[] out = new byte[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((Number) list.get(i)).byteValue();
            }
            return out;
        }
        throw new PickleException("cannot build bytes with " + callable + args);
    }

    private static Collection<?> iterable(PyGlobal callable, Object value) {
        if (value instanceof PyTuple t) {
            return t.items();
        }
        if (value instanceof Collection<?> c) {
            return c;
        }
        if (value instanceof Map<?, ?> m) {
            return m.keySet();
        }
        throw new PickleException("cannot iterate over " + describe(value) + " in a call to " + callable);
    }

    /** A short description of a value's Java/Python kind for error messages. */
    static String describe(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof PyObject o) {
            return "object of " + o.type();
        }
        return value.getClass().getSimpleName();
    }
}

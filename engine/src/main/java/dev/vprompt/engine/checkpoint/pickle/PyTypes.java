package dev.vprompt.engine.checkpoint.pickle;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Python names for the kinds of unpickled values, for error messages. Stateless and thread-safe. */
public final class PyTypes {

    private PyTypes() {}

    /** E.g. {@code dict}, {@code str}, {@code int}, {@code None}, or the class of an opaque object. */
    public static String name(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof PyObject o) {
            return o.type().toString();
        }
        if (value instanceof Map<?, ?>) {
            return value instanceof PyDict d && d.ordered() ? "collections.OrderedDict" : "dict";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof Long || value instanceof BigInteger) {
            return "int";
        }
        return simpleName(value);
    }

    private static String simpleName(Object value) {
        if (value instanceof List<?>) {
            return "list";
        }
        if (value instanceof PyTuple) {
            return "tuple";
        }
        if (value instanceof Set<?>) {
            return "set";
        }
        if (value instanceof Double) {
            return "float";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof byte[]) {
            return "bytes";
        }
        if (value instanceof PyGlobal g) {
            return "global " + g;
        }
        return value.getClass().getSimpleName();
    }
}

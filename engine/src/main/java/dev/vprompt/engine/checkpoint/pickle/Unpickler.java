package dev.vprompt.engine.checkpoint.pickle;

import static dev.vprompt.engine.checkpoint.pickle.Opcodes.*;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pickle virtual machine that builds plain data and never executes anything. Supports the binary opcodes of
 * protocols 0-5 and the common text ones; out-of-band buffers and the extension registry are rejected by name.
 *
 * <p>Python values map to: None → {@code null}, bool → Boolean, int → Long (BigInteger past 64 bits), float → Double,
 * str → String, bytes/bytearray → byte[], tuple → {@link PyTuple}, list → ArrayList, dict/OrderedDict → {@link PyDict},
 * set → LinkedHashSet, frozenset → unmodifiable Set, a global → {@link PyGlobal}, other instances → {@link PyObject}
 * (or whatever the {@link PickleHooks} return).
 *
 * <p>Not thread-safe: one instance reads one pickle on one thread; use {@link #load}.
 */
public final class Unpickler {

    private static final Logger LOGGER = LoggerFactory.getLogger(Unpickler.class);
    private static final int HIGHEST_PROTOCOL = 5;
    private static final Object NOT_A_CONSTANT = new Object();

    private final PickleInput in;
    private final PickleHooks hooks;
    private final String source;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private Unpickler(ByteBuffer pickle, PickleHooks hooks, String source) {
        this.in = new PickleInput(pickle);
        this.hooks = hooks;
        this.source = source;
    }

    /**
     * Reads one pickled object.
     *
     * @param pickle the pickle bytes from its position to its limit (not modified)
     * @param hooks meaning for persistent ids and calls
     * @param source what is being read, for error messages (e.g. {@code file.pth!archive/data.pkl})
     * @throws PickleException naming the source, the offset and the opcode when the pickle is malformed, truncated or
     *     uses an unsupported opcode
     */
    public static Object load(ByteBuffer pickle, PickleHooks hooks, String source) {
        return new Unpickler(pickle, hooks, source).run();
    }

    private Object run() {
        int op = -1;
        int at = 0;
        try {
            while (true) {
                at = in.position();
                op = in.u8();
                if (op == STOP) {
                    return pop();
                }
                if (!(control(op) || constant(op) || container(op) || memo(op) || object(op))) {
                    throw new PickleException("unsupported pickle opcode " + Opcodes.name(op));
                }
            }
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw fail(
                    op < 0 ? "empty pickle" : "pickle ends in the middle of " + Opcodes.name(op) + " (truncated)", at);
        } catch (PickleException e) {
            throw fail(e.getMessage(), at);
        } catch (ClassCastException | NumberFormatException | ArithmeticException e) {
            throw fail("malformed operand of " + Opcodes.name(op) + ": " + e.getMessage(), at);
        }
    }

    private PickleException fail(String message, int offset) {
        return new PickleException(source + ": " + message + " at byte " + offset);
    }

    private boolean control(int op) {
        switch (op) {
            case PROTO -> {
                int protocol = in.u8();
                if (protocol > HIGHEST_PROTOCOL) {
                    throw new PickleException("unsupported pickle protocol " + protocol);
                }
            }
            case FRAME -> in.u64();
            case MARK -> marks.add(stack.size());
            case POP -> {
                if (stack.size() > markBase()) {
                    pop();
                } else {
                    popMark();
                }
            }
            case POP_MARK -> popMark();
            case DUP -> push(top());
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean constant(int op) {
        Object value = switch (op) {
            case NONE -> null;
            case NEWTRUE -> Boolean.TRUE;
            case NEWFALSE -> Boolean.FALSE;
            case BININT -> (long) in.i32();
            case BININT1 -> (long) in.u8();
            case BININT2 -> (long) in.u16();
            case LONG1 -> in.longOf(in.u8());
            case LONG4 -> in.longOf(in.u32());
            case INT -> TextLiterals.intOrBool(in.line());
            case LONG -> TextLiterals.longText(in.line());
            case FLOAT -> Double.parseDouble(in.line().strip());
            case BINFLOAT -> in.float64BigEndian();
            case SHORT_BINUNICODE, SHORT_BINSTRING -> in.utf8(in.u8());
            case BINUNICODE -> in.utf8(in.u32());
            case BINSTRING -> in.utf8(in.i32());
            case BINUNICODE8 -> in.utf8(in.u64());
            case STRING -> TextLiterals.quoted(in.line());
            case UNICODE -> TextLiterals.rawUnicodeEscape(in.line(StandardCharsets.ISO_8859_1));
            case SHORT_BINBYTES -> in.bytes(in.u8());
            case BINBYTES -> in.bytes(in.u32());
            case BINBYTES8, BYTEARRAY8 -> in.bytes(in.u64());
            default -> NOT_A_CONSTANT;
        };
        if (value == NOT_A_CONSTANT) {
            return false;
        }
        push(value);
        return true;
    }

    private boolean container(int op) {
        switch (op) {
            case EMPTY_TUPLE -> push(PyTuple.EMPTY);
            case TUPLE -> push(new PyTuple(popMark()));
            case TUPLE1, TUPLE2, TUPLE3 -> push(new PyTuple(popN(op - TUPLE1 + 1)));
            case EMPTY_LIST -> push(new ArrayList<>());
            case LIST -> push(new ArrayList<>(popMark()));
            case APPEND -> appendAll(Collections.singletonList(pop()));
            case APPENDS -> appendAll(popMark());
            case EMPTY_DICT -> push(new PyDict());
            case DICT -> {
                PyDict dict = new PyDict();
                putPairs(dict, popMark());
                push(dict);
            }
            case SETITEM -> setItems(popN(2));
            case SETITEMS -> setItems(popMark());
            case EMPTY_SET -> push(new LinkedHashSet<>());
            case ADDITEMS -> {
                List<Object> items = popMark();
                asSet(top()).addAll(items);
            }
            case FROZENSET -> push(Collections.unmodifiableSet(new LinkedHashSet<>(popMark())));
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean memo(int op) {
        switch (op) {
            case PUT -> memo.put(Long.parseLong(in.line().strip()), top());
            case BINPUT -> memo.put((long) in.u8(), top());
            case LONG_BINPUT -> memo.put(in.u32(), top());
            case MEMOIZE -> memo.put((long) memo.size(), top());
            case GET -> push(recall(Long.parseLong(in.line().strip())));
            case BINGET -> push(recall(in.u8()));
            case LONG_BINGET -> push(recall(in.u32()));
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean object(int op) {
        switch (op) {
            case GLOBAL -> push(new PyGlobal(in.line(), in.line()));
            case STACK_GLOBAL -> {
                Object name = pop();
                Object module = pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new PickleException("STACK_GLOBAL needs two strings, got " + PickleValues.describe(module)
                            + " and " + PickleValues.describe(name));
                }
                push(new PyGlobal(m, n));
            }
            case REDUCE -> {
                Object args = pop();
                push(call(pop(), args));
            }
            case NEWOBJ -> {
                Object args = pop();
                push(newObject(pop(), args));
            }
            case NEWOBJ_EX -> {
                pop(); // keyword arguments: kept out of opaque objects
                Object args = pop();
                push(newObject(pop(), args));
            }
            case INST -> {
                PyGlobal cls = new PyGlobal(in.line(), in.line());
                push(call(cls, new PyTuple(popMark())));
            }
            case OBJ -> {
                List<Object> items = popMark();
                push(call(items.get(0), new PyTuple(items.subList(1, items.size()))));
            }
            case BUILD -> build(pop(), top());
            case PERSID -> push(hooks.persistentLoad(in.line(StandardCharsets.US_ASCII)));
            case BINPERSID -> push(hooks.persistentLoad(pop()));
            default -> {
                return false;
            }
        }
        return true;
    }

    private Object call(Object callable, Object args) {
        PyTuple tuple = asTuple(args, "REDUCE");
        if (!(callable instanceof PyGlobal global)) {
            return new PyObject(new PyGlobal("?", PickleValues.describe(callable)), tuple);
        }
        Object hooked = hooks.reduce(global, tuple);
        return hooked != null ? hooked : PickleValues.reduce(global, tuple);
    }

    private Object newObject(Object cls, Object args) {
        PyTuple tuple = asTuple(args, "NEWOBJ");
        if (!(cls instanceof PyGlobal global)) {
            throw new PickleException("NEWOBJ needs a class, got " + PickleValues.describe(cls));
        }
        Object container = PickleValues.reduce(global, PyTuple.EMPTY);
        return container instanceof PyObject ? new PyObject(global, tuple, true) : container;
    }

    private void build(Object state, Object instance) {
        if (instance instanceof PyObject object) {
            object.build(state);
        } else if (instance instanceof PyDict dict) {
            if (!PickleValues.mergeAttributes(dict.attributes(), state)) {
                dict.attributes().put("__state__", state);
            }
        } else {
            LOGGER.debug("{}: ignoring BUILD state on {}", source, PickleValues.describe(instance));
        }
    }

    private void appendAll(List<Object> values) {
        Object target = top();
        if (target instanceof List<?>) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) target;
            list.addAll(values);
        } else if (target instanceof PyObject object) {
            object.elements().addAll(values);
        } else {
            throw new PickleException("cannot APPEND to " + PickleValues.describe(target));
        }
    }

    private void setItems(List<Object> keysAndValues) {
        Object target = top();
        if (target instanceof PyDict dict) {
            putPairs(dict, keysAndValues);
        } else if (target instanceof PyObject object) {
            putPairs(object.items(), keysAndValues);
        } else {
            throw new PickleException("cannot SETITEM on " + PickleValues.describe(target));
        }
    }

    private static void putPairs(Map<Object, Object> map, List<Object> keysAndValues) {
        if (keysAndValues.size() % 2 != 0) {
            throw new PickleException("odd number of items for a dict");
        }
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            map.put(keysAndValues.get(i), keysAndValues.get(i + 1));
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<Object> asSet(Object target) {
        if (target instanceof LinkedHashSet<?>) {
            return (Set<Object>) target;
        }
        throw new PickleException("cannot ADDITEMS to " + PickleValues.describe(target));
    }

    private static PyTuple asTuple(Object args, String opcode) {
        if (args instanceof PyTuple t) {
            return t;
        }
        throw new PickleException(opcode + " needs an argument tuple, got " + PickleValues.describe(args));
    }

    private Object recall(long key) {
        if (!memo.containsKey(key)) {
            throw new PickleException("memo has no entry " + key);
        }
        return memo.get(key);
    }

    private int markBase() {
        return marks.isEmpty() ? 0 : marks.get(marks.size() - 1);
    }

    private void push(Object value) {
        stack.add(value);
    }

    private Object top() {
        if (stack.size() <= markBase()) {
            throw new PickleException("stack is empty");
        }
        return stack.get(stack.size() - 1);
    }

    private Object pop() {
        Object value = top();
        stack.remove(stack.size() - 1);
        return value;
    }

    private List<Object> popN(int n) {
        if (stack.size() - n < markBase()) {
            throw new PickleException("stack has fewer than " + n + " items");
        }
        List<Object> sub = stack.subList(stack.size() - n, stack.size());
        List<Object> items = new ArrayList<>(sub);
        sub.clear();
        return items;
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw new PickleException("no MARK on the stack");
        }
        int base = marks.remove(marks.size() - 1);
        List<Object> sub = stack.subList(base, stack.size());
        List<Object> items = new ArrayList<>(sub);
        sub.clear();
        return items;
    }
}

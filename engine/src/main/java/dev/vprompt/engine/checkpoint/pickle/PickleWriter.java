package dev.vprompt.engine.checkpoint.pickle;

import static dev.vprompt.engine.checkpoint.pickle.Opcodes.*;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes values as a protocol-2 pickle, the protocol {@code torch.save} uses by default. Understands the value types the
 * {@link Unpickler} produces: null, Boolean, Long/Integer/BigInteger, Double, String, byte[], {@link PyTuple}, List,
 * Map ({@link PyDict#ordered()} ones as {@code collections.OrderedDict} with their attributes), Set, {@link PyGlobal},
 * {@link PyObject} (call or {@code NEWOBJ}, then items and attributes) and {@link PersistentId}. Globals are memoized.
 *
 * <p>Not thread-safe: confine to one thread.
 */
public final class PickleWriter {

    private static final int BATCH = 1000;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<PyGlobal, Integer> memo = new HashMap<>();

    /** Pickles one value (protocol 2) and returns the bytes. */
    public static byte[] dumps(Object value) {
        PickleWriter writer = new PickleWriter();
        writer.op(PROTO).out.write(2);
        writer.save(value);
        writer.op(STOP);
        return writer.out.toByteArray();
    }

    private void save(Object value) {
        if (value == null) {
            op(NONE);
        } else if (value instanceof Boolean b) {
            op(b ? NEWTRUE : NEWFALSE);
        } else if (value instanceof Integer || value instanceof Long) {
            saveLong(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            saveBig(big);
        } else if (value instanceof Double d) {
            op(BINFLOAT).bigEndian(Double.doubleToLongBits(d), 8);
        } else if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            op(BINUNICODE).littleEndian(utf8.length, 4).out.writeBytes(utf8);
        } else if (value instanceof byte[] bytes) {
            global(new PyGlobal("_codecs", "encode"));
            save(PyTuple.of(new String(bytes, StandardCharsets.ISO_8859_1), "latin1"));
            op(REDUCE);
        } else if (value instanceof PyTuple t) {
            saveTuple(t);
        } else {
            saveContainer(value);
        }
    }

    private void saveContainer(Object value) {
        if (value instanceof List<?> list) {
            op(EMPTY_LIST);
            batch(new ArrayList<>(list), APPENDS);
        } else if (value instanceof PyDict dict && dict.ordered()) {
            global(new PyGlobal("collections", "OrderedDict"));
            op(EMPTY_TUPLE).op(REDUCE);
            setItems(dict);
            build(dict.attributes());
        } else if (value instanceof Map<?, ?> map) {
            op(EMPTY_DICT);
            setItems(map);
        } else if (value instanceof Set<?> set) {
            global(new PyGlobal("builtins", "set"));
            save(PyTuple.of(new ArrayList<>(set)));
            op(REDUCE);
        } else if (value instanceof PyGlobal g) {
            global(g);
        } else if (value instanceof PersistentId id) {
            save(id.pid());
            op(BINPERSID);
        } else if (value instanceof PyObject o) {
            global(o.type());
            save(o.args());
            op(o.constructed() ? NEWOBJ : REDUCE);
            batch(o.elements(), APPENDS);
            setItems(o.items());
            build(o.attributes());
        } else {
            throw new PickleException("cannot pickle a " + value.getClass().getName());
        }
    }

    private void saveTuple(PyTuple t) {
        if (t.size() == 0) {
            op(EMPTY_TUPLE);
            return;
        }
        if (t.size() > 3) {
            op(MARK);
        }
        t.items().forEach(this::save);
        op(t.size() > 3 ? TUPLE : TUPLE1 + t.size() - 1);
    }

    private void setItems(Map<?, ?> map) {
        List<Object> flat = new ArrayList<>();
        map.forEach((k, v) -> {
            flat.add(k);
            flat.add(v);
        });
        batch(flat, SETITEMS);
    }

    private void batch(List<?> items, int opcode) {
        int step = opcode == SETITEMS ? 2 * BATCH : BATCH;
        for (int i = 0; i < items.size(); i += step) {
            op(MARK);
            items.subList(i, Math.min(items.size(), i + step)).forEach(this::save);
            op(opcode);
        }
    }

    private void build(Map<String, Object> attributes) {
        if (!attributes.isEmpty()) {
            op(EMPTY_DICT);
            setItems(attributes);
            op(BUILD);
        }
    }

    private void global(PyGlobal g) {
        Integer index = memo.get(g);
        if (index != null) {
            op(LONG_BINGET).littleEndian(index, 4);
            return;
        }
        op(GLOBAL).out.writeBytes((g.module() + "\n" + g.name() + "\n").getBytes(StandardCharsets.UTF_8));
        index = memo.size();
        memo.put(g, index);
        op(LONG_BINPUT).littleEndian(index, 4);
    }

    private void saveLong(long v) {
        if (v >= 0 && v < 0x100) {
            op(BININT1).littleEndian(v, 1);
        } else if (v >= 0 && v < 0x10000) {
            op(BININT2).littleEndian(v, 2);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            op(BININT).littleEndian(v, 4);
        } else {
            saveBig(BigInteger.valueOf(v));
        }
    }

    private void saveBig(BigInteger v) {
        byte[] be = v.toByteArray();
        op(be.length < 256 ? LONG1 : LONG4).littleEndian(be.length, be.length < 256 ? 1 : 4);
        for (int i = be.length - 1; i >= 0; i--) {
            out.write(be[i]);
        }
    }

    private PickleWriter op(int opcode) {
        out.write(opcode);
        return this;
    }

    private PickleWriter littleEndian(long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    private PickleWriter bigEndian(long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }
}

package dev.vprompt.engine.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The storage format of an example pool, format version 1. Two objects per pool prefix:
 *
 * <ul>
 *   <li><b>head</b>, {@code <prefix>/pool.json}, overwritten by every build: {@code {"format": "vprompt-example-pool",
 *       "formatVersion": 1, "version": V, "index": "<prefix>/pool-V.vpi", "model": {"name": N, "sha256": S|null},
 *       "count": C, "dim": D}};
 *   <li><b>index</b>, {@code <prefix>/pool-V.vpi}, written once: the 8 ASCII bytes {@code VPPOOL01}, a little-endian
 *       uint32 {@code H}, {@code H} bytes of UTF-8 JSON {@code {"version": V, "model": {...}, "dim": D, "count": C,
 *       "entries": [{"input": {"bucket", "key", "versionId"}, "output": {...}}, ...]}}, then {@code C x D}
 *       little-endian float32 embeddings, row-major, each row of unit length (row {@code i} embeds entry {@code i}'s
 *       input). With numpy: {@code np.frombuffer(data, '<f4', offset=12 + H).reshape(C, D)}.
 * </ul>
 *
 * Reading checks every length against the bytes present before allocating, so a corrupt or hostile object fails with
 * {@link PoolFormatException} instead of exhausting memory. Thread-safe: stateless.
 */
public final class ExamplePoolFormat {

    public static final String FORMAT = "vprompt-example-pool";
    public static final int FORMAT_VERSION = 1;
    public static final String HEAD_NAME = "pool.json";
    private static final byte[] MAGIC = "VPPOOL01".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExamplePoolFormat() {}

    /** The key of the head under {@code prefix} (no trailing slash; empty for the bucket root). */
    public static String headKey(String prefix) {
        return prefix.isEmpty() ? HEAD_NAME : prefix + "/" + HEAD_NAME;
    }

    /** The key of version {@code version}'s index under {@code prefix}. */
    public static String indexKey(String prefix, String version) {
        String name = "pool-" + version + ".vpi";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The head that names {@code pool}, stored under {@code indexKey}. */
    public static byte[] writeHead(ExamplePool pool, String indexKey) {
        ObjectNode head = JSON.createObjectNode();
        head.put("format", FORMAT);
        head.put("formatVersion", FORMAT_VERSION);
        head.put("version", pool.version());
        head.put("index", indexKey);
        head.set("model", model(pool.modelName(), pool.modelSha256()));
        head.put("count", pool.size());
        head.put("dim", pool.dim());
        return bytes(head);
    }

    public static PoolHead readHead(byte[] bytes) {
        JsonNode head = parse(bytes, "head");
        requireFormat(head);
        JsonNode model = head.path("model");
        return new PoolHead(
                text(head, "version"),
                text(head, "index"),
                text(model, "name"),
                model.path("sha256").isTextual() ? model.get("sha256").asText() : null,
                head.path("count").asInt(-1),
                head.path("dim").asInt(-1));
    }

    public static byte[] writeIndex(ExamplePool pool) {
        ObjectNode header = JSON.createObjectNode();
        header.put("format", FORMAT);
        header.put("formatVersion", FORMAT_VERSION);
        header.put("version", pool.version());
        header.set("model", model(pool.modelName(), pool.modelSha256()));
        header.put("dim", pool.dim());
        header.put("count", pool.size());
        ArrayNode entries = header.putArray("entries");
        for (ExamplePool.Entry e : pool.entries()) {
            ObjectNode n = entries.addObject();
            n.set("input", ref(e.input()));
            n.set("output", ref(e.output()));
        }
        byte[] json = bytes(header);
        float[] embeddings = pool.embeddings();
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + json.length + 4 * embeddings.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putInt(json.length).put(json);
        out.asFloatBuffer().put(embeddings);
        return out.array();
    }

    public static ExamplePool readIndex(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < MAGIC.length + 4) {
            throw new PoolFormatException("not a pool index: " + bytes.length + " bytes");
        }
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new PoolFormatException("not a pool index (bad magic)");
        }
        long headerLength = Integer.toUnsignedLong(in.getInt());
        if (headerLength > in.remaining()) {
            throw new PoolFormatException("header of " + headerLength + " bytes, only " + in.remaining() + " left");
        }
        byte[] json = new byte[(int) headerLength];
        in.get(json);
        JsonNode header = parse(json, "index header");
        requireFormat(header);
        int dim = header.path("dim").asInt(-1);
        int count = header.path("count").asInt(-1);
        JsonNode entries = header.path("entries");
        if (dim < 1 || count < 0 || !entries.isArray() || entries.size() != count) {
            throw new PoolFormatException(
                    "index header has dim " + dim + ", count " + count + " and " + entries.size() + " entries");
        }
        if ((long) count * dim * 4 != in.remaining()) {
            throw new PoolFormatException(
                    "expected " + count + " x " + dim + " float32 embeddings, found " + in.remaining() + " bytes");
        }
        float[] embeddings = new float[count * dim];
        in.asFloatBuffer().get(embeddings);
        for (float f : embeddings) {
            if (!Float.isFinite(f)) {
                throw new PoolFormatException("the index holds a non-finite embedding value");
            }
        }
        List<ExamplePool.Entry> list = new ArrayList<>(count);
        for (JsonNode e : entries) {
            list.add(new ExamplePool.Entry(ref(e.path("input")), ref(e.path("output"))));
        }
        JsonNode model = header.path("model");
        return new ExamplePool(
                text(header, "version"),
                text(model, "name"),
                model.path("sha256").isTextual() ? model.get("sha256").asText() : null,
                dim,
                list,
                embeddings);
    }

    private static ObjectNode model(String name, String sha256) {
        ObjectNode m = JSON.createObjectNode();
        m.put("name", name);
        m.put("sha256", sha256);
        return m;
    }

    private static ObjectNode ref(ExampleRef r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("bucket", r.bucket());
        n.put("key", r.key());
        n.put("versionId", r.versionId());
        return n;
    }

    private static ExampleRef ref(JsonNode n) {
        return new ExampleRef(
                text(n, "bucket"),
                text(n, "key"),
                n.path("versionId").isTextual() ? n.get("versionId").asText() : null);
    }

    private static void requireFormat(JsonNode n) {
        if (!FORMAT.equals(n.path("format").asText()) || n.path("formatVersion").asInt() != FORMAT_VERSION) {
            throw new PoolFormatException("not a " + FORMAT + " of format version " + FORMAT_VERSION + ": format '"
                    + n.path("format").asText() + "', version "
                    + n.path("formatVersion").asText());
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isTextual()) {
            throw new PoolFormatException("missing text field '" + field + "'");
        }
        return v.asText();
    }

    private static JsonNode parse(byte[] bytes, String what) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new PoolFormatException("the pool " + what + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

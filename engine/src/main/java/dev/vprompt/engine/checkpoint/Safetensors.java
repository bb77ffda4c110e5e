package dev.vprompt.engine.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vprompt.engine.checkpoint.zip.MappedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header mapping each tensor name
 * to {@code {dtype, shape, data_offsets}} (offsets relative to the end of the header; {@code __metadata__} ignored),
 * then the raw little-endian data. Reading memory-maps the file; tensors are read-only slices in header order.
 *
 * <p>Thread-safe: the static methods share no state.
 */
public final class Safetensors {

    /** Largest header accepted, so a garbage length cannot make us allocate gigabytes. */
    public static final long MAX_HEADER_BYTES = 100L << 20;

    private static final String METADATA = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, DType> DTYPES = Map.of(
            "F32", DType.FLOAT32,
            "F16", DType.FLOAT16,
            "BF16", DType.BFLOAT16,
            "F64", DType.FLOAT64,
            "I64", DType.INT64,
            "I32", DType.INT32,
            "U8", DType.UINT8,
            "I8", DType.INT8,
            "BOOL", DType.BOOL);

    private Safetensors() {}

    /**
     * Reads every tensor of a safetensors file.
     *
     * @throws CheckpointException naming the file when the header is malformed, a dtype is unsupported or a tensor's
     *     data range is inconsistent with its shape or lies outside the file
     */
    public static StateDict read(Path file) {
        try (MappedFile mapped = MappedFile.open(file)) {
            if (mapped.size() < 8) {
                throw new CheckpointException(
                        file + ": too short for a safetensors file (" + mapped.size() + " bytes)");
            }
            long headerLength = mapped.slice(0, 8).getLong(0);
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > mapped.size() - 8) {
                throw new CheckpointException(
                        file + ": safetensors header length " + Long.toUnsignedString(headerLength)
                                + " does not fit the file of " + mapped.size() + " bytes");
            }
            ByteBuffer headerBytes = mapped.slice(8, headerLength);
            byte[] text = new byte[(int) headerLength];
            headerBytes.get(text);
            return new StateDict(tensors(file, parse(file, text), mapped, 8 + headerLength));
        }
    }

    /** Writes a state dict as safetensors (header padded with spaces to 8 bytes), replacing the file. */
    public static void write(Path file, StateDict stateDict) {
        ObjectNode header = JSON.createObjectNode();
        long offset = 0;
        for (TensorData t : stateDict.tensors().values()) {
            ObjectNode entry = header.putObject(t.name());
            entry.put("dtype", dtypeName(t.dtype()));
            ArrayNode shape = entry.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + t.data().remaining());
            offset += t.data().remaining();
        }
        StringBuilder json = new StringBuilder(header.toString());
        while ((json.length() % 8) != 0) {
            json.append(' ');
        }
        byte[] headerBytes = json.toString().getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer length =
                    ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, headerBytes.length);
            writeFully(out, length);
            writeFully(out, ByteBuffer.wrap(headerBytes));
            for (TensorData t : stateDict.tensors().values()) {
                writeFully(out, t.data().duplicate());
            }
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot write safetensors: " + e, e);
        }
    }

    private static ObjectNode parse(Path file, byte[] text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file + ": malformed safetensors header: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot parse safetensors header: " + e, e);
        }
        throw new CheckpointException(file + ": safetensors header is not a JSON object");
    }

    private static Map<String, TensorData> tensors(Path file, ObjectNode header, MappedFile data, long dataStart) {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals(METADATA)) {
                tensors.put(field.getKey(), tensor(file, field.getKey(), field.getValue(), data, dataStart));
            }
        }
        return tensors;
    }

    private static TensorData tensor(Path file, String name, JsonNode spec, MappedFile data, long dataStart) {
        String where = file + ": tensor '" + name + "'";
        DType dtype = DTYPES.get(spec.path("dtype").asText());
        if (dtype == null) {
            throw new CheckpointException(
                    where + " has unsupported dtype '" + spec.path("dtype").asText() + "'");
        }
        JsonNode shapeNode = spec.path("shape");
        JsonNode offsets = spec.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new CheckpointException(where + " needs a shape array and two data_offsets: " + spec);
        }
        long[] shape = new long[shapeNode.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong(-1);
            if (shape[i] < 0) {
                throw new CheckpointException(where + " has an invalid shape " + shapeNode);
            }
            numel = Math.multiplyExact(numel, shape[i]);
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        long available = data.size() - dataStart;
        if (begin < 0 || end < begin || end > available) {
            throw new CheckpointException(where + " has data_offsets " + offsets + " outside the " + available
                    + " data bytes (truncated file?)");
        }
        if (end - begin != numel * dtype.bytes()) {
            throw new CheckpointException(where + " has " + (end - begin) + " data bytes but shape " + shapeNode
                    + " of " + dtype + " needs " + numel * dtype.bytes());
        }
        return new TensorData(name, shape, dtype, data.slice(dataStart + begin, end - begin));
    }

    private static String dtypeName(DType dtype) {
        return DTYPES.entrySet().stream()
                .filter(e -> e.getValue() == dtype)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}

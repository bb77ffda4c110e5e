package dev.vprompt.engine.checkpoint;

import dev.vprompt.engine.checkpoint.pickle.PyObject;
import dev.vprompt.engine.checkpoint.pickle.Unpickler;
import dev.vprompt.engine.checkpoint.zip.StoredZip;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a state dict out of a PyTorch checkpoint written by {@code torch.save} (zip format, any archive folder name,
 * pickle protocols 2-5), such as the official MAE-VQGAN {@code checkpoint-1000.pth}: {@code {'model': OrderedDict,
 * 'optimizer': ..., 'epoch': ..., 'scaler': ..., 'args': Namespace}}.
 *
 * <p>Only the tensors of the chosen entry are read; their data are read-only little-endian slices of a memory mapping
 * of the file (contiguous tensors are not copied), so loading runs at page-cache/disk speed and the optimizer state
 * is never touched. Nothing in the pickle is executed: unknown classes outside the chosen entry are kept opaque.
 *
 * <p>Thread-safe: the static methods share no state.
 */
public final class TorchCheckpoint {

    /** The entry of the official training checkpoint that holds the model weights. */
    public static final String DEFAULT_ENTRY = "model";

    private static final Logger LOGGER = LoggerFactory.getLogger(TorchCheckpoint.class);
    private static final String PICKLE = "data.pkl";

    private TorchCheckpoint() {}

    /** Reads the {@code model} entry. See {@link #read(Path, String)}. */
    public static StateDict read(Path file) {
        return read(file, DEFAULT_ENTRY);
    }

    /**
     * Reads one entry of the checkpoint's top-level dict as a state dict.
     *
     * @param entryKey the top-level key whose value is the state dict ({@code "model"}), or {@code null} when the
     *     checkpoint is a bare state dict ({@code torch.save(model.state_dict())})
     * @throws CheckpointException naming the file and the problem: not a zip, truncated, no {@code data.pkl}, missing
     *     or short storage record, unsupported pickle opcode, no such entry, or a value that is not a tensor
     */
    public static StateDict read(Path file, String entryKey) {
        return read(file, entryKey, key -> {});
    }

    /** As {@link #read(Path, String)}, telling {@code storageReads} the key of every storage record it slices. */
    static StateDict read(Path file, String entryKey, Consumer<String> storageReads) {
        long start = System.nanoTime();
        try (StoredZip zip = StoredZip.open(file)) {
            StoredZip.Entry pickle = findPickle(zip);
            String prefix = pickle.name().substring(0, pickle.name().length() - PICKLE.length());
            requireLittleEndian(zip, prefix);
            Object root = Unpickler.load(zip.data(pickle), new TorchPickleHooks(), file + "!" + pickle.name());
            Map<?, ?> stateDict = select(file, root, entryKey);
            Map<String, TensorRef> refs = tensorRefs(file, stateDict);
            Map<String, ByteBuffer> records = StorageRecords.resolve(zip, prefix, refs);
            Map<String, TensorData> tensors = new LinkedHashMap<>();
            long bytes = 0;
            for (Map.Entry<String, TensorRef> e : refs.entrySet()) {
                String key = e.getValue().storage().key();
                storageReads.accept(key);
                TensorData tensor = TensorSlicer.slice(
                        e.getKey(), e.getValue(), records.get(key), file + "!" + prefix + "data/" + key);
                tensors.put(e.getKey(), tensor);
                bytes += tensor.data().remaining();
            }
            LOGGER.info(
                    "Read {} tensors ({} MiB) from {} entry '{}' in {} ms",
                    tensors.size(),
                    bytes >> 20,
                    file,
                    entryKey,
                    (System.nanoTime() - start) / 1_000_000);
            return new StateDict(tensors);
        }
    }

    private static StoredZip.Entry findPickle(StoredZip zip) {
        List<StoredZip.Entry> candidates = zip.entries().stream()
                .filter(e -> e.name().equals(PICKLE) || e.name().endsWith("/" + PICKLE))
                .sorted(Comparator.comparingLong(
                        e -> e.name().chars().filter(c -> c == '/').count()))
                .toList();
        if (candidates.isEmpty()) {
            throw new CheckpointException(zip.path() + ": no data.pkl record: a zip, but not a PyTorch checkpoint");
        }
        long depth = depth(candidates.get(0));
        List<StoredZip.Entry> top =
                candidates.stream().filter(e -> depth(e) == depth).toList();
        if (top.size() > 1) {
            throw new CheckpointException(
                    zip.path() + ": several data.pkl records, cannot tell which is the checkpoint: "
                            + top.stream().map(StoredZip.Entry::name).toList());
        }
        return top.get(0);
    }

    private static long depth(StoredZip.Entry e) {
        return e.name().chars().filter(c -> c == '/').count();
    }

    private static void requireLittleEndian(StoredZip zip, String prefix) {
        zip.find(prefix + "byteorder").ifPresent(entry -> {
            ByteBuffer b = zip.data(entry);
            byte[] text = new byte[b.remaining()];
            b.get(text);
            String order = new String(text, StandardCharsets.US_ASCII).strip();
            if (!order.equals("little")) {
                throw new CheckpointException(zip.path() + ": storages are in '" + order
                        + "' byte order; only little-endian checkpoints are supported");
            }
        });
    }

    private static Map<?, ?> select(Path file, Object root, String entryKey) {
        Object entry = root;
        if (entryKey != null) {
            if (!(root instanceof Map<?, ?> top)) {
                throw new CheckpointException(file + ": top-level object is " + describe(root) + ", not a dict with a '"
                        + entryKey + "' entry");
            }
            if (!top.containsKey(entryKey)) {
                throw new CheckpointException(
                        file + ": no '" + entryKey + "' entry; top-level keys are " + top.keySet());
            }
            entry = top.get(entryKey);
        }
        if (!(entry instanceof Map<?, ?> stateDict)) {
            throw new CheckpointException(
                    file + ": entry '" + entryKey + "' is " + describe(entry) + ", not a state dict");
        }
        return stateDict;
    }

    private static Map<String, TensorRef> tensorRefs(Path file, Map<?, ?> stateDict) {
        Map<String, TensorRef> refs = new LinkedHashMap<>();
        stateDict.forEach((key, value) -> {
            String name = String.valueOf(key);
            if (!(value instanceof TensorRef ref)) {
                throw new CheckpointException(
                        file + ": state dict value '" + name + "' is " + describe(value) + ", not a tensor");
            }
            refs.put(name, ref);
        });
        return refs;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "None";
        }
        return value instanceof PyObject o
                ? "an object of " + o.type()
                : "a " + value.getClass().getSimpleName();
    }
}

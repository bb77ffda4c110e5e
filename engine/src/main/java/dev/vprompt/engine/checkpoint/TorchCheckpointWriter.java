package dev.vprompt.engine.checkpoint;

import dev.vprompt.engine.checkpoint.pickle.PersistentId;
import dev.vprompt.engine.checkpoint.pickle.PickleWriter;
import dev.vprompt.engine.checkpoint.pickle.PyDict;
import dev.vprompt.engine.checkpoint.pickle.PyGlobal;
import dev.vprompt.engine.checkpoint.pickle.PyObject;
import dev.vprompt.engine.checkpoint.pickle.PyTuple;
import dev.vprompt.engine.checkpoint.zip.StoredZipWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a checkpoint in the layout {@code torch.save} produces (the official training checkpoint's layout):
 * {@code <prefix>/data.pkl} (protocol 2: a dict whose tensor entries are {@code OrderedDict}s of
 * {@code _rebuild_tensor_v2} calls on {@code ('storage', torch.XStorage, key, 'cpu', numel)} persistent ids), one
 * stored, 64-byte-aligned {@code <prefix>/data/<key>} record per tensor and {@code <prefix>/version}. Used to build test
 * cases and large benchmark checkpoints; files it writes load with {@code torch.load}.
 *
 * <pre>{@code
 * TorchCheckpointWriter.create().prefix("checkpoint-3").model(stateDict).epoch(3).args(Map.of("lr", 1e-3)).write(path);
 * }</pre>
 *
 * <p>Not thread-safe: confine to one thread. Tensor data are streamed to the file, never copied in memory.
 */
public final class TorchCheckpointWriter {

    /** Archive folder name newer {@code torch.save} versions use; torch 1.13 uses the file's base name. */
    public static final String DEFAULT_PREFIX = "archive";
    /** Content of the {@code version} record of the zip format. */
    public static final String FORMAT_VERSION = "3\n";

    private static final PyGlobal REBUILD = new PyGlobal("torch._utils", "_rebuild_tensor_v2");
    private static final PyGlobal NAMESPACE = new PyGlobal("argparse", "Namespace");

    private final Map<String, Object> top = new LinkedHashMap<>();
    private final Map<String, TensorData> storages = new LinkedHashMap<>();
    private String prefix = DEFAULT_PREFIX;
    private boolean zip64;

    private TorchCheckpointWriter() {}

    public static TorchCheckpointWriter create() {
        return new TorchCheckpointWriter();
    }

    /** The archive folder every record sits in. */
    public TorchCheckpointWriter prefix(String folder) {
        if (folder.isEmpty() || folder.contains("/")) {
            throw new IllegalArgumentException("prefix must be one non-empty folder name: '" + folder + "'");
        }
        this.prefix = folder;
        return this;
    }

    /** Adds the {@code model} entry (with a {@code _metadata} attribute, as {@code state_dict()} has). */
    public TorchCheckpointWriter model(StateDict stateDict) {
        return tensors(TorchCheckpoint.DEFAULT_ENTRY, stateDict);
    }

    /** Adds a top-level entry that is an {@code OrderedDict} of tensors (e.g. an optimizer-like state to skip). */
    public TorchCheckpointWriter tensors(String key, StateDict stateDict) {
        PyDict dict = new PyDict(true);
        stateDict.tensors().forEach((name, tensor) -> dict.put(name, tensor(tensor)));
        PyDict metadata = new PyDict(true);
        PyDict version = new PyDict();
        version.put("version", 1L);
        metadata.put("", version);
        dict.attributes().put("_metadata", metadata);
        top.put(key, dict);
        return this;
    }

    /** Adds a top-level entry holding a plain value (see {@link PickleWriter} for the types). */
    public TorchCheckpointWriter value(String key, Object value) {
        top.put(key, value);
        return this;
    }

    /** Adds {@code epoch} and an empty {@code scaler}, as the official {@code save_model} does. */
    public TorchCheckpointWriter epoch(long epoch) {
        top.put("epoch", epoch);
        top.put("scaler", new PyDict());
        return this;
    }

    /** Adds {@code args} as an {@code argparse.Namespace} with these attributes. */
    public TorchCheckpointWriter args(Map<String, ?> attributes) {
        PyObject namespace = new PyObject(NAMESPACE, PyTuple.EMPTY, true);
        namespace.attributes().putAll(attributes);
        top.put("args", namespace);
        return this;
    }

    /** Writes ZIP64 records even for a small file. */
    public TorchCheckpointWriter zip64(boolean force) {
        this.zip64 = force;
        return this;
    }

    /** Writes the checkpoint, replacing the file. */
    public void write(Path file) {
        PyDict root = new PyDict();
        root.putAll(top);
        byte[] pickle = PickleWriter.dumps(root);
        Map<String, TensorData> sorted = new TreeMap<>(Comparator.naturalOrder());
        sorted.putAll(storages);
        try (StoredZipWriter zip = new StoredZipWriter(file, zip64)) {
            zip.add(prefix + "/data.pkl", ByteBuffer.wrap(pickle));
            for (Map.Entry<String, TensorData> e : sorted.entrySet()) {
                zip.add(prefix + "/data/" + e.getKey(), e.getValue().data());
            }
            zip.add(prefix + "/version", ByteBuffer.wrap(FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot write checkpoint: " + e, e);
        }
    }

    private PyObject tensor(TensorData tensor) {
        if (tensor.data().remaining() != tensor.numel() * tensor.dtype().bytes()) {
            throw new IllegalArgumentException(
                    "tensor " + tensor + " has " + tensor.data().remaining() + " data bytes, expected "
                            + tensor.numel() * tensor.dtype().bytes());
        }
        String key = Integer.toString(storages.size());
        storages.put(key, tensor);
        PyGlobal storageType = new PyGlobal("torch", StorageRef.storageName(tensor.dtype()));
        PersistentId storage = new PersistentId(PyTuple.of("storage", storageType, key, "cpu", tensor.numel()));
        long[] shape = tensor.shape();
        Object[] size = new Object[shape.length];
        Object[] stride = new Object[shape.length];
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            size[i] = shape[i];
            stride[i] = step;
            step *= shape[i];
        }
        return new PyObject(
                REBUILD, PyTuple.of(storage, 0L, PyTuple.of(size), PyTuple.of(stride), false, new PyDict(true)));
    }
}

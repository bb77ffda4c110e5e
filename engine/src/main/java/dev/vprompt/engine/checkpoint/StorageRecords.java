package dev.vprompt.engine.checkpoint;

import dev.vprompt.engine.checkpoint.zip.StoredZip;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds the zip records holding the storages a set of tensors needs. Each record's local header must be read to learn
 * where its data start (one small positional read each); they are visited in file order, the order torch wrote them,
 * rather than in state-dict order, so a cold disk is read forwards. Stateless and thread-safe.
 */
final class StorageRecords {

    private StorageRecords() {}

    /**
     * @return storage key to the record's mapped bytes, for every storage the tensors use
     * @throws CheckpointException naming a tensor whose storage record is missing
     */
    static Map<String, ByteBuffer> resolve(StoredZip zip, String prefix, Map<String, TensorRef> tensors) {
        Map<String, StoredZip.Entry> entries = new LinkedHashMap<>();
        tensors.forEach((name, ref) -> {
            String record = prefix + "data/" + ref.storage().key();
            StoredZip.Entry entry = zip.find(record)
                    .orElseThrow(() -> new CheckpointException(
                            zip.path() + ": missing storage record '" + record + "' for tensor '" + name + "'"));
            entries.put(ref.storage().key(), entry);
        });
        Map<String, ByteBuffer> records = new HashMap<>();
        entries.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> e.getValue().localHeaderOffset()))
                .forEach(e -> records.put(e.getKey(), zip.data(e.getValue())));
        return records;
    }
}

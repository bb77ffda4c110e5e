package dev.vprompt.cli.eval;

import dev.vprompt.engine.checkpoint.CheckpointException;
import dev.vprompt.engine.checkpoint.pickle.PickleHooks;
import dev.vprompt.engine.checkpoint.pickle.PyTuple;
import dev.vprompt.engine.checkpoint.pickle.Unpickler;
import dev.vprompt.engine.checkpoint.zip.StoredZip;
import java.nio.file.Path;
import java.util.List;

/**
 * The released detection code's {@code evaluate_detection/2012_val_flattened_set.pth}: a {@code torch.save}d list of
 * {@code (image index, label)} pairs. The released {@code VOCDetection.__getitem__(i)} opens image
 * {@code pairs[i][0]} of its filtered list, for the val queries and the train supports alike; with this file
 * {@code vp eval --dataset detection --flattened-set FILE} reproduces that indexing episode for episode.
 *
 * <p>Read with the project's restricted unpickler: no class is ever instantiated. Thread-safe: immutable.
 */
public final class FlattenedSet {

    private final int[] imageIndex;

    private FlattenedSet(int[] imageIndex) {
        this.imageIndex = imageIndex;
    }

    /** Reads the file. */
    public static FlattenedSet read(Path file) {
        Object root;
        try (StoredZip zip = StoredZip.open(file)) {
            StoredZip.Entry pickle = zip.entries().stream()
                    .filter(e -> e.name().endsWith("/data.pkl") || e.name().equals("data.pkl"))
                    .findFirst()
                    .orElseThrow(() -> new EvalDataException(file + ": no data.pkl record: not a torch.save file"));
            root = Unpickler.load(zip.data(pickle), PickleHooks.NONE, file + "!" + pickle.name());
        } catch (CheckpointException e) {
            // the engine's messages already name the file
            String message = e.getMessage();
            throw new EvalDataException(message.startsWith(file.toString()) ? message : file + ": " + message, e);
        }
        if (!(root instanceof List<?> pairs)) {
            throw new EvalDataException(file + ": expected a list of (image index, label) pairs");
        }
        int[] index = new int[pairs.size()];
        for (int i = 0; i < index.length; i++) {
            if (!(pairs.get(i) instanceof PyTuple t) || t.size() != 2 || !(t.get(0) instanceof Number n)) {
                throw new EvalDataException(file + ": entry " + i + " is not an (image index, label) pair");
            }
            long v = n.longValue();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new EvalDataException(file + ": entry " + i + " has a bad image index " + v);
            }
            index[i] = (int) v;
        }
        return new FlattenedSet(index);
    }

    /** Number of pairs. */
    public int size() {
        return imageIndex.length;
    }

    /** The image the released dataset opens for item {@code i}. */
    public int imageIndex(int i) {
        if (i < 0 || i >= imageIndex.length) {
            throw new EvalDataException("the flattened set has " + imageIndex.length + " pairs; item " + i
                    + " was asked for (is it the file for this data set?)");
        }
        return imageIndex[i];
    }
}

package dev.vprompt.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.PatchMask;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.List;

/**
 * The host-side inputs of one batched forward pass: the canvases' bytes in one direct buffer (NHWC uint8) and each
 * sample's {@code ids_shuffle} and its inverse {@code ids_restore}. Immutable after construction; confined to the
 * inference thread.
 */
final class CanvasBatch {

    private final List<Canvas> canvases;
    private final int kept;
    private final ByteBuffer pixels;
    private final ByteBuffer idsShuffle;
    private final ByteBuffer idsRestore;

    private CanvasBatch(List<Canvas> canvases, int kept) {
        this.canvases = List.copyOf(canvases);
        this.kept = kept;
        int n = canvases.size();
        int bytesPerCanvas = 3 * Canvas.SIZE * Canvas.SIZE;
        pixels = ByteBuffer.allocateDirect(n * bytesPerCanvas);
        idsShuffle = ByteBuffer.allocateDirect(8 * n * PatchMask.PATCHES).order(ByteOrder.LITTLE_ENDIAN);
        idsRestore = ByteBuffer.allocateDirect(8 * n * PatchMask.PATCHES).order(ByteOrder.LITTLE_ENDIAN);
        LongBuffer shuffle = idsShuffle.asLongBuffer();
        LongBuffer restore = idsRestore.asLongBuffer();
        for (int i = 0; i < n; i++) {
            Canvas c = canvases.get(i);
            pixels.put(c.image().pixels());
            int[] ids = c.mask().idsShuffle();
            for (int pos = 0; pos < ids.length; pos++) {
                shuffle.put(i * PatchMask.PATCHES + pos, ids[pos]);
                restore.put(i * PatchMask.PATCHES + ids[pos], pos);
            }
        }
        pixels.flip();
    }

    /**
     * Validates and packs a batch.
     *
     * @throws IllegalArgumentException when the list is empty or the masks keep different numbers of patches
     */
    static CanvasBatch of(List<Canvas> canvases) {
        if (canvases == null || canvases.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one canvas");
        }
        int kept = canvases.get(0).mask().keptCount();
        for (int i = 1; i < canvases.size(); i++) {
            int k = canvases.get(i).mask().keptCount();
            if (k != kept) {
                throw new IllegalArgumentException(
                        "all canvases of a batch must keep the same number of patches: canvas 0" + " keeps " + kept
                                + ", canvas " + i + " keeps " + k);
            }
        }
        if (kept == 0 || kept == PatchMask.PATCHES) {
            throw new IllegalArgumentException("a mask must keep at least one patch and predict at least one: kept "
                    + kept + " of " + PatchMask.PATCHES);
        }
        return new CanvasBatch(canvases, kept);
    }

    List<Canvas> canvases() {
        return canvases;
    }

    int size() {
        return canvases.size();
    }

    int kept() {
        return kept;
    }

    /** The canvases as uint8 [N, 224, 224, 3] (one host-to-device copy). */
    NDArray pixels(NDManager m) {
        return m.create(pixels.duplicate(), new Shape(size(), Canvas.SIZE, Canvas.SIZE, 3), DataType.UINT8);
    }

    /** int64 [N, 196]: visible patches ascending, then predicted ones ascending, per sample. */
    NDArray idsShuffle(NDManager m) {
        return m.create(
                idsShuffle.duplicate().order(ByteOrder.LITTLE_ENDIAN),
                new Shape(size(), PatchMask.PATCHES),
                DataType.INT64);
    }

    /** int64 [N, 196]: the inverse permutation of {@link #idsShuffle}. */
    NDArray idsRestore(NDManager m) {
        return m.create(
                idsRestore.duplicate().order(ByteOrder.LITTLE_ENDIAN),
                new Shape(size(), PatchMask.PATCHES),
                DataType.INT64);
    }
}

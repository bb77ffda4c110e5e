package dev.vprompt.engine.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.checkpoint.TensorData;
import dev.vprompt.engine.image.RgbImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MAE-VQGAN visual-prompting inference on DJL (PyTorch engine): canvases in, inpainted canvases out, exactly as the
 * official {@code generate_image} computes them, one batched forward pass per call.
 *
 * <p>Weights live on the device in the model's own {@link NDManager}; every intermediate of a call lives in a
 * per-call sub-manager that is closed before the call returns, so memory stays flat across calls. {@link #close()}
 * frees everything and is safe to call twice.
 *
 * <p>Not thread-safe: confine a model to one inference thread (one per device), which owns it from creation to
 * {@link #close()}.
 */
public final class MaeVqgan implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(MaeVqgan.class);
    private static final String ENGINE = "PyTorch";

    private final MaeVqganConfig cfg;
    private final ModelOptions options;
    private final NDManager manager;
    private final Weights weights;
    private final InputNormaliser normaliser;
    private final MaeTransformer transformer;
    private final VqganDecoder vqgan;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MaeVqgan(MaeVqganConfig cfg, ModelOptions options, NDManager manager, Weights weights) {
        this.cfg = cfg;
        this.options = options;
        this.manager = manager;
        this.weights = weights;
        this.normaliser = new InputNormaliser(weights);
        this.transformer = new MaeTransformer(weights, cfg);
        this.vqgan = new VqganDecoder(weights, cfg.vqgan());
    }

    /**
     * Loads a model from an official-layout state dict. Every tensor the forward pass needs must be present with the
     * shape {@link MaeVqganConfig#expectedShapes()} gives; extra tensors (VQGAN encoder, optimizer leftovers) are
     * ignored. Weights are copied onto the device once; {@code weights} can be released afterwards.
     *
     * @throws dev.vprompt.engine.checkpoint.CheckpointException listing every missing, mis-shaped or mistyped tensor
     * @throws ModelConfigException when the device does not exist or does not support the precision
     */
    public static MaeVqgan load(StateDict weights, MaeVqganConfig cfg, ModelOptions opts) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(cfg, "cfg");
        Map<String, long[]> expected = cfg.expectedShapes();
        StateDictCheck.requireFits(weights, expected);
        return create(cfg, opts, w -> {
            for (Map.Entry<String, long[]> e : expected.entrySet()) {
                TensorData t = weights.get(e.getKey());
                w.put(e.getKey(), e.getValue(), StateDictCheck.dataType(t.dtype()), t.data());
            }
        });
    }

    /**
     * A model with deterministic random weights of the given architecture (see {@code RandomWeights}): for running
     * without a checkpoint and for benchmarks. The same seed gives the same weights on every device.
     */
    public static MaeVqgan random(MaeVqganConfig cfg, long seed, ModelOptions opts) {
        return create(cfg, opts, w -> RandomWeights.fill(w, cfg, seed));
    }

    private static MaeVqgan create(MaeVqganConfig cfg, ModelOptions opts, Consumer<Weights> fill) {
        Objects.requireNonNull(cfg, "cfg");
        Objects.requireNonNull(opts, "opts");
        long start = System.nanoTime();
        Device device = DeviceSelection.resolve(opts, DeviceInventory.probe());
        NDManager manager = NDManager.newBaseManager(device, ENGINE);
        try {
            Weights w = new Weights(manager, opts.precision().dataType());
            fill.accept(w);
            w.finishLoading();
            MaeVqgan model = new MaeVqgan(cfg, opts, manager, w);
            LOGGER.info(
                    "MAE-VQGAN ready: device={} precision={} parameters={} embed={}x{} decoder={}x{} loadMs={}",
                    model.deviceName(),
                    opts.precision(),
                    w.parameterCount(),
                    cfg.embedDim(),
                    cfg.depth(),
                    cfg.decoderEmbedDim(),
                    cfg.decoderDepth(),
                    (System.nanoTime() - start) / 1_000_000);
            return model;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Inpaints the predicted patches of every canvas in one batched forward pass.
     *
     * @param canvases at least one; masks may differ per canvas but must keep the same number of patches
     * @return one result per canvas, in order
     * @throws IllegalArgumentException when the list is empty or the kept counts differ
     * @throws IllegalStateException when the model is closed
     */
    public List<Inpainting> inpaint(List<Canvas> canvases) {
        return run(CanvasBatch.of(canvases), null);
    }

    /**
     * Global features of images for example retrieval, one batched encoder pass: each canvas (an
     * {@link dev.vprompt.engine.canvas.CanvasBuilder#embedding embedding canvas}: the image in the top-left cell, only
     * that quadrant visible) runs through the encoder as inpainting runs it (same normalisation, same kept-patch
     * order, final {@code norm}); the feature is the mean of the visible patch tokens (cls excluded), L2-normalised in
     * float64, so the cosine similarity of two images is the dot product of their features.
     *
     * @param canvases at least one; all keep the same number of patches
     * @return one {@code embed_dim} vector per canvas, in order, of unit length
     * @throws IllegalArgumentException when the list is empty or the kept counts differ
     * @throws IllegalStateException when the model is closed
     */
    public List<float[]> embed(List<Canvas> canvases) {
        if (closed.get()) {
            throw new IllegalStateException("model is closed");
        }
        CanvasBatch batch = CanvasBatch.of(canvases);
        int n = batch.size();
        int dim = cfg.embedDim();
        float[] means;
        try (NDManager m = manager.newSubManager();
                NDArray pixels = batch.pixels(m);
                NDArray image = normaliser.normalise(pixels);
                NDArray ids = batch.idsShuffle(m);
                NDArray latent = transformer.encode(image, ids, batch.kept());
                NDArray visible = latent.get(new NDIndex(":, 1:, :"));
                NDArray mean = visible.toType(DataType.FLOAT32, false).mean(new int[] {1})) {
            means = mean.toFloatArray();
        }
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(unitLength(Arrays.copyOfRange(means, i * dim, (i + 1) * dim)));
        }
        return out;
    }

    private static float[] unitLength(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        double norm = Math.sqrt(sum);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = norm == 0 ? 0f : (float) (v[i] / norm);
        }
        return out;
    }

    /** As {@link #inpaint}, also copying intermediates into {@code trace} (parity checks). */
    List<Inpainting> inpaint(List<Canvas> canvases, ForwardTrace trace) {
        return run(CanvasBatch.of(canvases), trace);
    }

    private List<Inpainting> run(CanvasBatch batch, ForwardTrace trace) {
        if (closed.get()) {
            throw new IllegalStateException("model is closed");
        }
        int n = batch.size();
        int patches = cfg.numPatches();
        try (NDManager m = manager.newSubManager()) {
            NDArray logits;
            try (NDArray pixels = batch.pixels(m);
                    NDArray image = normaliser.normalise(pixels);
                    NDArray ids = batch.idsShuffle(m);
                    NDArray restore = batch.idsRestore(m);
                    NDArray latent = transformer.encode(image, ids, batch.kept())) {
                if (trace != null) {
                    trace.latent = latent.toType(DataType.FLOAT32, false).toFloatArray();
                }
                logits = transformer.decode(latent, restore);
            }
            NDArray tokens = logits.argMax(2);
            float[] margins = margins(logits);
            if (trace != null) {
                trace.logits = logits.toType(DataType.FLOAT32, false).toFloatArray();
            }
            logits.close();
            byte[] decoded = decodeImages(tokens, trace);
            int[] tokenValues = tokens.toType(DataType.INT32, false).toIntArray();
            List<Inpainting> out = new ArrayList<>(n);
            int imageBytes = 3 * Canvas.SIZE * Canvas.SIZE;
            for (int i = 0; i < n; i++) {
                byte[] own = Arrays.copyOfRange(decoded, i * imageBytes, (i + 1) * imageBytes);
                out.add(new Inpainting(
                        Arrays.copyOfRange(tokenValues, i * patches, (i + 1) * patches),
                        new RgbImage(Canvas.SIZE, Canvas.SIZE, own),
                        Paster.paste(batch.canvases().get(i), decoded, i * imageBytes),
                        Arrays.copyOfRange(margins, i * patches, (i + 1) * patches)));
            }
            return out;
        }
    }

    private static float[] margins(NDArray logits) {
        NDList top = logits.topK(2, 2, true, true);
        NDArray values = top.get(0);
        try (NDArray first = values.get(new NDIndex(":, :, 0"));
                NDArray second = values.get(new NDIndex(":, :, 1"));
                NDArray diff = first.sub(second)) {
            return diff.toType(DataType.FLOAT32, false).toFloatArray();
        } finally {
            top.close();
        }
    }

    /** VQGAN-decodes the tokens chunk by chunk; returns NHWC uint8 bytes of all images (one device-to-host copy). */
    private byte[] decodeImages(NDArray tokens, ForwardTrace trace) {
        long n = tokens.getShape().get(0);
        NDList chunks = new NDList();
        List<float[]> zq = new ArrayList<>();
        List<float[]> floats = new ArrayList<>();
        for (long start = 0; start < n; start += options.decodeChunk()) {
            long end = Math.min(n, start + options.decodeChunk());
            NDArray chunkTokens = tokens.get(new NDIndex(start + ":" + end));
            NDArray codes = vqgan.lookup(chunkTokens, cfg.gridSize());
            if (trace != null) {
                zq.add(codes.toType(DataType.FLOAT32, false).toFloatArray());
            }
            NDArray raw = vqgan.decode(codes);
            NDArray raw32 = raw.toType(DataType.FLOAT32, false);
            // official: clamp(-1, 1), (x + 1) / 2, (identity bilinear resize), clip(x * 255, 0, 255), .int()
            NDArray unit = raw32.clip(-1f, 1f);
            unit.addi(1f).divi(2f).muli(255f);
            NDArray scaled = unit.clip(0f, 255f);
            NDArray hwc = scaled.transpose(0, 2, 3, 1);
            if (trace != null) {
                floats.add(hwc.toFloatArray());
            }
            chunks.add(hwc.toType(DataType.UINT8, false)); // float -> uint8 truncates, as .int() does on [0, 255]
            new NDList(chunkTokens, codes, raw, raw32, unit, scaled, hwc).close();
        }
        if (trace != null) {
            trace.zq = concat(zq);
            trace.decoded = concat(floats);
        }
        try (NDArray all = chunks.size() == 1 ? chunks.get(0) : NDArrays.concat(chunks, 0)) {
            return all.toByteArray();
        } finally {
            chunks.close();
        }
    }

    private static float[] concat(List<float[]> parts) {
        int total = parts.stream().mapToInt(a -> a.length).sum();
        float[] out = new float[total];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** The device the weights live on, e.g. {@code cpu} or {@code gpu:0}. */
    public String deviceName() {
        Device d = manager.getDevice();
        return d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu";
    }

    /**
     * Hands the memory that libtorch's CUDA caching allocator holds but no tensor uses back to the driver, so that a
     * smaller retry after an out-of-memory error is not refused for fragmentation; does nothing on the CPU. Call it on
     * the thread that owns the model.
     */
    public void releaseCachedMemory() {
        if (manager.getDevice().isGpu()) {
            JniUtils.emptyCudaCache();
        }
    }

    /** Number of scalar parameters loaded (the tensors of {@link MaeVqganConfig#expectedShapes()}). */
    public long parameterCount() {
        return weights.parameterCount();
    }

    /** The architecture. */
    public MaeVqganConfig config() {
        return cfg;
    }

    /** The options the model was created with. */
    public ModelOptions options() {
        return options;
    }

    /**
     * Arrays currently held by the model's manager, sub-managers included: the weights, plus whatever a call did not
     * release. Constant between calls unless something leaks (leak checks, the worker's live-NDArray gauge). Call it
     * from the thread that owns the model.
     */
    public int liveArrayCount() {
        return manager.getManagedArrays().size();
    }

    /** Frees the weights and every remaining array; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            manager.close();
        }
    }
}

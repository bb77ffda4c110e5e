package dev.vprompt.training.tokenizer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.PatchMask;
import dev.vprompt.engine.checkpoint.DType;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.model.TrainableForward;
import dev.vprompt.training.data.CanvasStore;
import dev.vprompt.training.loop.AdamW;
import dev.vprompt.training.loop.ParameterStore;
import dev.vprompt.training.loop.Progress;
import dev.vprompt.training.loop.StepLoop;
import dev.vprompt.training.loop.TrainingCheckpoint;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains the VQGAN tokenizer (encoder, {@code quant_conv}, codebook, {@code post_quant_conv}, decoder) on random
 * 16-aligned square crops of the stored canvases: the encoder and decoder are fully convolutional (the middle
 * attention works at any size), so small crops teach them the full canvases' patches at a fraction of the cost. Loss:
 * L1 + L2 reconstruction in [-1, 1] plus the commitment of the latents to their codes; the codebook learns by moving
 * averages ({@link Quantizer}). Step {@code s} draws its crops from a generator seeded by the seed and {@code s}, so a
 * resumed run sees the same data a straight run would.
 *
 * <p>Not thread-safe: runs on the calling thread.
 */
public final class TokenizerTrainer {

    private static final int WARMUP = 100;
    private static final double FLOOR = 0.05;
    private static final int FLAT_RANGE = 16;
    private static final int MAX_CROP_ATTEMPTS = 20;
    /** Share of crops placed over the answer's patches (the rest anywhere on the canvas). */
    static final double ANSWER_CROPS = 0.6;

    private final MaeVqganConfig cfg;
    private final TokenizerSettings settings;
    private final CanvasStore data;
    private final Path checkpoint;
    private final Progress progress;

    /** What a run achieved. */
    public record Result(long steps, Duration elapsed, boolean cutShort, double l1, int codesInUse) {}

    public TokenizerTrainer(
            MaeVqganConfig cfg, TokenizerSettings settings, CanvasStore data, Path checkpoint, Progress progress) {
        this.cfg = cfg;
        this.settings = settings;
        this.data = data;
        this.checkpoint = checkpoint;
        this.progress = progress;
    }

    /** The parameters this stage trains (every {@code vae.*} tensor but the codebook, which moves by averages). */
    static boolean trained(String name) {
        return !name.equals(TrainableForward.CODEBOOK);
    }

    static boolean decayed(String name) {
        return name.endsWith(".weight") && !name.contains("norm");
    }

    /** Trains from scratch, or from {@code checkpoint} when {@code resume} and it exists; writes it as it goes. */
    public Result run(boolean resume) throws Exception {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager root = engine.newBaseManager();
                ParameterStore params = ParameterStore.of(
                        root,
                        settings.init()
                                .apply(
                                        TrainableForward.initialise(
                                                TrainableForward.tokenizerShapes(cfg), cfg, settings.seed(), root),
                                        settings.seed(),
                                        root))) {
            params.requireGradients(TokenizerTrainer::trained);
            AdamW adam =
                    new AdamW(params, TokenizerTrainer::trained, TokenizerTrainer::decayed, 0.9f, 0.99f, 1e-8f, 1e-4f);
            Quantizer quantizer = new Quantizer(
                    params.manager(),
                    params.get(TrainableForward.CODEBOOK),
                    settings.decay(),
                    settings.restartWindow());
            StepLoop.Start start = StepLoop.Start.of(checkpoint, resume, params, adam, c -> {}, "tokenizer training");
            if (start.checkpoint() != null) {
                quantizer.load(start.checkpoint().trainer(), params.manager());
            }
            StepLoop.Outcome o = StepLoop.of(settings, start.before(), WARMUP, FLOOR, adam, progress)
                    .run(
                            start.step(),
                            s -> step(engine, params, quantizer, s),
                            (s, elapsed) -> save(params, adam, quantizer, s, elapsed));
            return new Result(
                    o.steps(),
                    o.elapsed(),
                    o.cutShort(),
                    o.metrics().getOrDefault("l1", Double.NaN),
                    quantizer.codesInUse());
        }
    }

    private Map<String, Double> step(Engine engine, ParameterStore params, Quantizer quantizer, long step) {
        SplittableRandom rnd = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + step);
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (NDManager m = params.manager().newSubManager()) {
            NDArray x = crops(m, rnd);
            Quantizer.Result q;
            try (GradientCollector gc = engine.newGradientCollector()) {
                TrainableForward f = TrainableForward.over(params.arrays(), cfg, m);
                NDArray z = f.encodeLatent(x);
                q = quantizer.quantize(z, params.get(TrainableForward.CODEBOOK));
                NDArray rec = f.decodeLatent(q.straightThrough());
                NDArray diff = rec.sub(x);
                NDArray l1 = diff.abs().mean();
                NDArray l2 = diff.square().mean();
                NDArray loss = l1.add(l2).add(q.commitment().mul(settings.commitment()));
                gc.backward(loss);
                metrics.put("loss", (double) loss.getFloat());
                metrics.put("l1", (double) l1.getFloat());
            }
            params.replace(TrainableForward.CODEBOOK, quantizer.update(q, params.manager(), rnd));
        }
        metrics.put("codes", (double) quantizer.codesInUse());
        return metrics;
    }

    /**
     * A batch of 16-aligned crops of random stored canvases, NCHW float32 in [-1, 1], owned by {@code m}. Flat crops
     * (every channel within {@value #FLAT_RANGE} levels) are drawn again: a whole canvas is never flat, but a flat
     * crop drives the GroupNorm variances to zero and the gradients to infinity.
     */
    private NDArray crops(NDManager m, SplittableRandom rnd) {
        int b = settings.batch();
        int s = settings.crop();
        ByteBuffer canvas = ByteBuffer.allocate(3 * Canvas.SIZE * Canvas.SIZE);
        ByteBuffer out = ByteBuffer.allocateDirect(b * 3 * s * s).order(ByteOrder.LITTLE_ENDIAN);
        byte[] crop = new byte[3 * s * s];
        for (int i = 0; i < b; i++) {
            for (int attempt = 0; attempt < MAX_CROP_ATTEMPTS; attempt++) {
                int index = rnd.nextInt(data.count());
                canvas.clear();
                data.readPixels(index, canvas);
                int[] at = rnd.nextDouble() < ANSWER_CROPS
                        ? answerCorner(data.readLabels(index).mask(), s / 16, rnd)
                        : anyCorner(s / 16, rnd);
                byte[] px = canvas.array();
                for (int y = 0; y < s; y++) {
                    System.arraycopy(px, 3 * ((at[1] + y) * Canvas.SIZE + at[0]), crop, 3 * y * s, 3 * s);
                }
                if (!flat(crop)) {
                    break;
                }
            }
            out.put(crop);
        }
        out.flip();
        NDArray bytes = m.create(out, new Shape(b, s, s, 3), DataType.UINT8);
        return bytes.toType(DataType.FLOAT32, false)
                .transpose(0, 3, 1, 2)
                .div(127.5f)
                .sub(1f);
    }

    /** Pixel corner (x, y) of a random crop of {@code side} patches anywhere on the patch grid. */
    private static int[] anyCorner(int side, SplittableRandom rnd) {
        int cells = PatchMask.GRID - side + 1;
        return new int[] {16 * rnd.nextInt(cells), 16 * rnd.nextInt(cells)};
    }

    /**
     * Pixel corner of a crop of {@code side} patches that overlaps the answer's patches: what the MAE predicts is
     * what the tokenizer must reproduce best (textured inputs only ever reach the encoder as pixels).
     */
    static int[] answerCorner(boolean[] answer, int side, SplittableRandom rnd) {
        int r0 = PatchMask.GRID;
        int r1 = -1;
        int c0 = PatchMask.GRID;
        int c1 = -1;
        for (int p = 0; p < answer.length; p++) {
            if (answer[p]) {
                r0 = Math.min(r0, p / PatchMask.GRID);
                r1 = Math.max(r1, p / PatchMask.GRID);
                c0 = Math.min(c0, p % PatchMask.GRID);
                c1 = Math.max(c1, p % PatchMask.GRID);
            }
        }
        if (r1 < 0) {
            return anyCorner(side, rnd);
        }
        return new int[] {16 * corner(c0, c1, side, rnd), 16 * corner(r0, r1, side, rnd)};
    }

    /** A start patch so that [start, start + side) overlaps [lo, hi] and stays on the grid. */
    private static int corner(int lo, int hi, int side, SplittableRandom rnd) {
        int min = Math.max(0, lo - side + 1);
        int max = Math.min(PatchMask.GRID - side, hi);
        return max <= min ? Math.max(0, Math.min(min, PatchMask.GRID - side)) : min + rnd.nextInt(max - min + 1);
    }

    static boolean flat(byte[] rgb) {
        int[] lo = {255, 255, 255};
        int[] hi = {0, 0, 0};
        for (int i = 0; i < rgb.length; i++) {
            int v = rgb[i] & 0xFF;
            int c = i % 3;
            lo[c] = Math.min(lo[c], v);
            hi[c] = Math.max(hi[c], v);
        }
        return hi[0] - lo[0] <= FLAT_RANGE && hi[1] - lo[1] <= FLAT_RANGE && hi[2] - lo[2] <= FLAT_RANGE;
    }

    private void save(ParameterStore params, AdamW adam, Quantizer quantizer, long step, Duration elapsed) {
        new TrainingCheckpoint(params.toStateDict(n -> true, DType.FLOAT32), adam.state(), quantizer.state())
                .write(checkpoint, step, elapsed, args());
    }

    private Map<String, Object> args() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("stage", "tokenizer");
        a.put("steps", (long) settings.steps());
        a.put("batch", (long) settings.batch());
        a.put("crop", (long) settings.crop());
        a.put("lr", (double) settings.learningRate());
        a.put("init", settings.init().name());
        a.put("seed", settings.seed());
        return a;
    }
}

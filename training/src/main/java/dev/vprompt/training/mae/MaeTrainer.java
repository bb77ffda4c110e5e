package dev.vprompt.training.mae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.PatchMask;
import dev.vprompt.engine.checkpoint.DType;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.model.TrainableForward;
import dev.vprompt.training.data.CanvasStore;
import dev.vprompt.training.data.TokenStore;
import dev.vprompt.training.loop.AdamW;
import dev.vprompt.training.loop.ParameterStore;
import dev.vprompt.training.loop.Progress;
import dev.vprompt.training.loop.StepLoop;
import dev.vprompt.training.loop.TrainingCheckpoint;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains the MAE on the stored canvases and their precomputed tokens: cross-entropy of the logits of the hidden
 * patches against the tokenizer's tokens of the whole canvas, as MAE-VQGAN trains, plus a small weight on the visible
 * patches ({@link #VISIBLE_WEIGHT}); with {@link MaeSettings#tokenBalance()} above 0 the hidden patches weigh by their
 * target token's rarity ({@link TokenWeights}). The forward pass is the engine's
 * serving pass ({@link TrainableForward#maeLogits}). A step's canvases share a layout (so they keep the same number of
 * patches) and hide their answer cell or random patches ({@link MaskSampler}); step {@code s} draws from a generator
 * seeded by the seed and {@code s}, so a resumed run sees what a straight run would.
 *
 * <p>Not thread-safe: runs on the calling thread.
 */
public final class MaeTrainer {

    private static final int WARMUP = 200;
    private static final double FLOOR = 0.02;
    /**
     * Weight of the visible patches' cross-entropy beside the hidden ones' (1): the served model decodes the tokens it
     * predicts at every patch, and the VQGAN decoder's receptive field carries the visible neighbours' tokens into the
     * pasted answer's border, so they must be sensible too; copying them is easy, so a small weight suffices.
     */
    static final float VISIBLE_WEIGHT = 0.1f;

    private final MaeVqganConfig cfg;
    private final MaeSettings settings;
    private final CanvasStore canvases;
    private final TokenStore tokens;
    private final Path checkpoint;
    private final Progress progress;
    private final List<int[]> groups = new ArrayList<>();
    private final List<boolean[]> masks = new ArrayList<>();
    private final TokenWeights tokenWeights;

    /** What a run achieved. */
    public record Result(long steps, Duration elapsed, boolean cutShort, double loss, double accuracy) {}

    public MaeTrainer(
            MaeVqganConfig cfg,
            MaeSettings settings,
            CanvasStore canvases,
            TokenStore tokens,
            Path checkpoint,
            Progress progress) {
        if (tokens.count() != canvases.count()) {
            throw new IllegalArgumentException(
                    "token file holds " + tokens.count() + " canvases, the canvas store " + canvases.count());
        }
        this.cfg = cfg;
        this.settings = settings;
        this.canvases = canvases;
        this.tokens = tokens;
        this.checkpoint = checkpoint;
        this.progress = progress;
        this.tokenWeights = TokenWeights.of(tokens, cfg.vocabSize(), settings.tokenBalance());
        Map<Integer, List<Integer>> byKept = new LinkedHashMap<>();
        for (int i = 0; i < canvases.count(); i++) {
            boolean[] m = canvases.readLabels(i).mask();
            masks.add(m);
            byKept.computeIfAbsent(kept(m), k -> new ArrayList<>()).add(i);
        }
        byKept.values()
                .forEach(l -> groups.add(l.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** The trained tensors: all MAE tensors but the fixed sin-cos position tables. */
    static boolean trained(String name) {
        return !name.equals("pos_embed") && !name.equals("decoder_pos_embed");
    }

    static boolean decayed(String name) {
        return name.endsWith(".weight") && !name.contains("norm") && !name.equals("pos_embed");
    }

    /** Trains from scratch, or from {@code checkpoint} when {@code resume} and it exists; writes it as it goes. */
    public Result run(boolean resume) throws Exception {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager root = engine.newBaseManager();
                ParameterStore params = ParameterStore.of(
                        root,
                        TrainableForward.initialise(TrainableForward.maeShapes(cfg), cfg, settings.seed(), root))) {
            params.requireGradients(MaeTrainer::trained);
            AdamW adam = new AdamW(
                    params, MaeTrainer::trained, MaeTrainer::decayed, 0.9f, 0.95f, 1e-8f, settings.weightDecay());
            StepLoop.Start start = StepLoop.Start.of(checkpoint, resume, params, adam, c -> {}, "MAE training");
            StepLoop.Outcome o = StepLoop.of(settings, start.before(), WARMUP, FLOOR, adam, progress)
                    .run(start.step(), s -> step(engine, params, s), (s, elapsed) -> save(params, adam, s, elapsed));
            return new Result(
                    o.steps(), o.elapsed(), o.cutShort(), progress.smoothed("loss"), progress.smoothed("acc"));
        }
    }

    private Map<String, Double> step(Engine engine, ParameterStore params, long step) {
        SplittableRandom rnd = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + step);
        int b = settings.batch();
        int[] group = pickGroup(rnd);
        int pixels = 3 * Canvas.SIZE * Canvas.SIZE;
        int patches = PatchMask.PATCHES;
        ByteBuffer px = ByteBuffer.allocateDirect(b * pixels).order(ByteOrder.LITTLE_ENDIAN);
        long[] ids = new long[b * patches];
        long[] targets = new long[b * patches];
        float[] hiddenWeight = new float[b * patches];
        float[] visibleWeight = new float[b * patches];
        int kept = patches - hiddenCount(masks.get(group[0]));
        for (int i = 0; i < b; i++) {
            int c = group[rnd.nextInt(group.length)];
            canvases.readPixels(c, px);
            boolean[] mask = MaskSampler.sample(masks.get(c), settings.answerShare(), rnd);
            MaskSampler.idsShuffle(mask, ids, i * patches);
            tokens.tokens(c, targets, i * patches);
            for (int p = 0; p < patches; p++) {
                hiddenWeight[i * patches + p] = mask[p] ? tokenWeights.weight(targets[i * patches + p]) : 0f;
                visibleWeight[i * patches + p] = mask[p] ? 0f : 1f;
            }
        }
        px.flip();
        int hidden = b * (patches - kept);
        float hiddenMass = 0;
        for (float w : hiddenWeight) {
            hiddenMass += w;
        }
        int visible = b * kept;
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (NDManager m = params.manager().newSubManager()) {
            NDArray image = m.create(px, new Shape(b, Canvas.SIZE, Canvas.SIZE, 3), DataType.UINT8);
            NDArray idsShuffle = m.create(ids, new Shape(b, patches));
            NDArray target = m.create(targets, new Shape(b, patches, 1));
            NDArray onHidden = m.create(hiddenWeight, new Shape(b, patches));
            NDArray onVisible = m.create(visibleWeight, new Shape(b, patches));
            try (GradientCollector gc = engine.newGradientCollector()) {
                TrainableForward f = TrainableForward.over(params.arrays(), cfg, m);
                NDArray logits = f.maeLogits(f.normalise(image), idsShuffle, kept);
                NDArray nll = logits.logSoftmax(2)
                        .gather(target, 2)
                        .reshape(b, patches)
                        .neg();
                NDArray weightedLoss = nll.mul(onHidden).sum().div(hiddenMass);
                NDArray loss = visible == 0
                        ? weightedLoss
                        : weightedLoss.add(nll.mul(onVisible).sum().mul(VISIBLE_WEIGHT / visible));
                gc.backward(loss);
                NDArray isHidden = onHidden.gt(0f).toType(DataType.FLOAT32, false);
                metrics.put("loss", (double) nll.mul(isHidden).sum().getFloat() / hidden);
                NDArray hits = logits.argMax(2).eq(target.reshape(b, patches)).toType(DataType.FLOAT32, false);
                metrics.put("acc", (double) hits.mul(isHidden).sum().getFloat() / hidden);
            }
        }
        return metrics;
    }

    /** A layout group drawn by its size. */
    private int[] pickGroup(SplittableRandom rnd) {
        int t = rnd.nextInt(canvases.count());
        for (int[] g : groups) {
            if (t < g.length) {
                return g;
            }
            t -= g.length;
        }
        return groups.get(groups.size() - 1);
    }

    private static int kept(boolean[] mask) {
        return mask.length - hiddenCount(mask);
    }

    private static int hiddenCount(boolean[] mask) {
        int k = 0;
        for (boolean h : mask) {
            k += h ? 1 : 0;
        }
        return k;
    }

    private void save(ParameterStore params, AdamW adam, long step, Duration elapsed) {
        new TrainingCheckpoint(params.toStateDict(n -> true, DType.FLOAT32), adam.state(), new StateDict(Map.of()))
                .write(checkpoint, step, elapsed, args());
    }

    private Map<String, Object> args() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("stage", "mae");
        a.put("steps", (long) settings.steps());
        a.put("batch", (long) settings.batch());
        a.put("lr", (double) settings.learningRate());
        a.put("weight_decay", (double) settings.weightDecay());
        a.put("answer_share", settings.answerShare());
        a.put("seed", settings.seed());
        a.put("token_balance", settings.tokenBalance());
        return a;
    }
}

package dev.vprompt.training.tokenizer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.training.GradientCollector;
import dev.vprompt.engine.canvas.Canvas;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Tunes the tokenizer's decoder ({@code post_quant_conv} and the VQGAN decoder) on whole 224x224 canvases decoded
 * from their stored tokens, as the served model decodes what the MAE predicts. The tokenizer learns on 64-pixel crops
 * ({@link TokenizerTrainer}), and its GroupNorm layers normalise over whatever they see: a crop's statistics are not a
 * canvas's, so a decoder that only ever saw crops shifts colours on whole canvases. The encoder, {@code quant_conv}
 * and the codebook stay as they are, bit for bit, so the tokens (and an MAE trained on them) remain valid. Loss: L1 +
 * L2 in [-1, 1], the tokenizer's reconstruction loss. Step {@code s} draws its canvases from a generator seeded by the
 * seed and {@code s}, so a resumed run sees the same data a straight run would.
 *
 * <p>Not thread-safe: runs on the calling thread.
 */
public final class DecoderTrainer {

    private static final int WARMUP = 20;
    private static final double FLOOR = 0.05;

    private final MaeVqganConfig cfg;
    private final DecoderSettings settings;
    private final CanvasStore data;
    private final TokenStore tokens;
    private final StateDict tokenizer;
    private final Path checkpoint;
    private final Progress progress;

    /** What a run achieved: {@code loss} is the last step's reconstruction loss. */
    public record Result(long steps, Duration elapsed, boolean cutShort, double loss) {}

    /**
     * @param tokens the tokens of {@code data} under {@code tokenizer}
     * @param tokenizer the trained tokenizer's weights, the start of the tuning
     * @param checkpoint where the tuned tokenizer (every {@code vae.*} tensor) is written, resumable
     */
    public DecoderTrainer(
            MaeVqganConfig cfg,
            DecoderSettings settings,
            CanvasStore data,
            TokenStore tokens,
            StateDict tokenizer,
            Path checkpoint,
            Progress progress) {
        if (tokens.count() != data.count()) {
            throw new IllegalArgumentException(
                    "tokens of " + tokens.count() + " canvases for " + data.count() + " canvases");
        }
        this.cfg = cfg;
        this.settings = settings;
        this.data = data;
        this.tokens = tokens;
        this.tokenizer = tokenizer;
        this.checkpoint = checkpoint;
        this.progress = progress;
    }

    /** The tensors this stage tunes: {@code post_quant_conv} and the decoder. */
    public static boolean tuned(String name) {
        return name.startsWith("vae.decoder.") || name.startsWith("vae.post_quant_conv.");
    }

    /**
     * Whether {@code tuned} holds a decoder tuned for {@code tokenizer}: every tensor but the tuned ones (the encoder,
     * {@code quant_conv} and the codebook, which make the tokens) is byte for byte the same in both.
     */
    public static boolean tunedFrom(StateDict tuned, StateDict tokenizer) {
        for (String name : tokenizer.tensors().keySet()) {
            if (tuned(name)) {
                continue;
            }
            var a = tuned.find(name);
            var b = tokenizer.get(name);
            if (a.isEmpty()
                    || a.get().dtype() != b.dtype()
                    || !Arrays.equals(a.get().shape(), b.shape())
                    || !a.get()
                            .data()
                            .duplicate()
                            .rewind()
                            .equals(b.data().duplicate().rewind())) {
                return false;
            }
        }
        return true;
    }

    /** Tunes from the tokenizer, or from {@code checkpoint} when {@code resume} and it exists; writes it as it goes. */
    public Result run(boolean resume) throws Exception {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager root = engine.newBaseManager();
                ParameterStore params = ParameterStore.of(
                        root, TrainableForward.initialise(TrainableForward.tokenizerShapes(cfg), cfg, 0, root))) {
            params.load(tokenizer, n -> true);
            params.requireGradients(DecoderTrainer::tuned);
            AdamW adam = new AdamW(params, DecoderTrainer::tuned, TokenizerTrainer::decayed, 0.9f, 0.99f, 1e-8f, 1e-4f);
            StepLoop.Start start =
                    StepLoop.Start.of(checkpoint, resume, params, adam, this::requireTunedHere, "decoder tuning");
            StepLoop.Outcome o = StepLoop.of(settings, start.before(), WARMUP, FLOOR, adam, progress)
                    .run(
                            start.step(),
                            s -> Map.of("loss", step(engine, params, s)),
                            (s, elapsed) -> save(params, adam, s, elapsed));
            return new Result(o.steps(), o.elapsed(), o.cutShort(), o.metrics().getOrDefault("loss", Double.NaN));
        }
    }

    private void requireTunedHere(TrainingCheckpoint c) {
        if (!tunedFrom(c.model(), tokenizer)) {
            throw new IllegalStateException(
                    checkpoint + " was tuned from another tokenizer: delete it or run without --resume");
        }
    }

    private double step(Engine engine, ParameterStore params, long step) {
        SplittableRandom rnd = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + step);
        int b = settings.batch();
        int grid = cfg.gridSize();
        int side = Canvas.SIZE;
        long[] ids = new long[b * grid * grid];
        ByteBuffer canvas = ByteBuffer.allocate(3 * side * side);
        ByteBuffer pixels = ByteBuffer.allocateDirect(b * 3 * side * side).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < b; i++) {
            int index = rnd.nextInt(data.count());
            tokens.tokens(index, ids, i * grid * grid);
            canvas.clear();
            data.readPixels(index, canvas);
            pixels.put(canvas.array());
        }
        pixels.flip();
        try (NDManager m = params.manager().newSubManager()) {
            NDArray x = m.create(pixels, new Shape(b, side, side, 3), DataType.UINT8)
                    .toType(DataType.FLOAT32, false)
                    .transpose(0, 3, 1, 2)
                    .div(127.5f)
                    .sub(1f);
            NDArray book = params.get(TrainableForward.CODEBOOK);
            NDArray idArray = m.create(ids, new Shape(b, (long) grid * grid));
            // embedding, not book.get(...): the rows must belong to this step's manager, not the parameters'
            NDArray codes = idArray.getNDArrayInternal()
                    .embedding(idArray, book, SparseFormat.DENSE)
                    .singletonOrThrow()
                    .reshape(b, grid, grid, book.getShape().get(1))
                    .transpose(0, 3, 1, 2);
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray rec = TrainableForward.over(params.arrays(), cfg, m).decodeLatent(codes);
                NDArray diff = rec.sub(x);
                NDArray loss = diff.abs().mean().add(diff.square().mean());
                gc.backward(loss);
                return loss.getFloat();
            }
        }
    }

    private void save(ParameterStore params, AdamW adam, long step, Duration elapsed) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("stage", "decoder");
        args.put("steps", (long) settings.steps());
        args.put("batch", (long) settings.batch());
        args.put("lr", (double) settings.learningRate());
        args.put("seed", settings.seed());
        new TrainingCheckpoint(params.toStateDict(n -> true, DType.FLOAT32), adam.state(), new StateDict(Map.of()))
                .write(checkpoint, step, elapsed, args);
    }
}

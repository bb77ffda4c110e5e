package dev.vprompt.training.tokenizer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.model.TrainableForward;
import dev.vprompt.training.loop.ParameterStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A trained tokenizer at inference: canvases to their 196 codebook indices (encoder, {@code quant_conv}, nearest
 * normalised code), and indices back to pixels through the same decoder the served model runs.
 *
 * <p>Not thread-safe: confine to one thread; {@link #close()} frees the weights.
 */
public final class Tokenizer implements AutoCloseable {

    private final MaeVqganConfig cfg;
    private final NDManager root;
    private final ParameterStore params;

    private Tokenizer(MaeVqganConfig cfg, NDManager root, ParameterStore params) {
        this.cfg = cfg;
        this.root = root;
        this.params = params;
    }

    /** The tokenizer whose {@code vae.*} weights {@code weights} holds. */
    public static Tokenizer of(MaeVqganConfig cfg, StateDict weights) {
        NDManager root = Engine.getEngine("PyTorch").newBaseManager();
        try {
            ParameterStore params = ParameterStore.of(
                    root, TrainableForward.initialise(TrainableForward.tokenizerShapes(cfg), cfg, 0, root));
            params.load(weights, n -> true);
            return new Tokenizer(cfg, root, params);
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** The codebook indices [n * 196] of {@code n} uint8 HWC canvases laid end to end in {@code pixels}. */
    public int[] encode(ByteBuffer pixels, int n) {
        try (NDManager m = root.newSubManager()) {
            NDArray x = input(m, pixels, n);
            TrainableForward f = TrainableForward.over(params.arrays(), cfg, m);
            NDArray z = f.encodeLatent(x);
            NDArray normed = Quantizer.normalise(z, 1);
            int dim = cfg.vqgan().embedDim();
            NDArray flat = normed.transpose(0, 2, 3, 1).reshape(-1, dim);
            NDArray sim = flat.matMul(params.get(TrainableForward.CODEBOOK).transpose());
            return sim.argMax(1).toType(DataType.INT32, false).toIntArray();
        }
    }

    /** The decoded uint8 HWC canvases of {@code n x 196} indices, as the served model decodes tokens. */
    public byte[] decode(int[] tokens, int n) {
        try (NDManager m = root.newSubManager()) {
            int grid = cfg.gridSize();
            NDArray ids = m.create(tokens, new Shape(n, (long) grid * grid)).toType(DataType.INT64, false);
            NDArray book = params.get(TrainableForward.CODEBOOK);
            NDArray rows = ids.getNDArrayInternal()
                    .embedding(ids, book, SparseFormat.DENSE)
                    .singletonOrThrow();
            NDArray codes = rows.reshape(n, grid, grid, book.getShape().get(1)).transpose(0, 3, 1, 2);
            NDArray raw = TrainableForward.over(params.arrays(), cfg, m).decodeLatent(codes);
            NDArray unit = raw.clip(-1f, 1f).add(1f).div(2f).mul(255f).clip(0f, 255f);
            return unit.transpose(0, 2, 3, 1).toType(DataType.UINT8, false).toByteArray();
        }
    }

    private static NDArray input(NDManager m, ByteBuffer pixels, int n) {
        ByteBuffer direct =
                ByteBuffer.allocateDirect(n * 3 * Canvas.SIZE * Canvas.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        direct.put(pixels.duplicate());
        direct.flip();
        NDArray bytes = m.create(direct, new Shape(n, Canvas.SIZE, Canvas.SIZE, 3), DataType.UINT8);
        return bytes.toType(DataType.FLOAT32, false)
                .transpose(0, 3, 1, 2)
                .div(127.5f)
                .sub(1f);
    }

    @Override
    public void close() {
        root.close();
    }
}

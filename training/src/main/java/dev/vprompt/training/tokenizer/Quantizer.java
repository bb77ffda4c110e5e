package dev.vprompt.training.tokenizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import dev.vprompt.engine.checkpoint.DType;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.checkpoint.TensorData;
import dev.vprompt.training.loop.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The tokenizer's codebook: cosine-similarity vector quantisation of l2-normalised latents to l2-normalised codes,
 * the straight-through estimator, and codebook learning by exponential moving averages of the latents each code wins
 * (no gradient), with codes unused for {@code restartWindow} steps restarted on random latents of the batch. The
 * codes are stored normalised, so the serving decoder's plain lookup reads exactly what training decoded.
 *
 * <p>Not thread-safe: confine to the training thread.
 */
final class Quantizer {

    private final int codes;
    private final int dim;
    private final float decay;
    private final int restartWindow;
    private NDArray emaCount;
    private NDArray emaSum;
    private final int[] lastUsed;
    private long step;

    /** Latents, their codes and the straight-through input of the decoder, all in the latents' manager. */
    record Result(NDArray flat, NDArray indices, NDArray straightThrough, NDArray commitment) {}

    Quantizer(NDManager owner, NDArray codebook, float decay, int restartWindow) {
        this.codes = (int) codebook.getShape().get(0);
        this.dim = (int) codebook.getShape().get(1);
        this.decay = decay;
        this.restartWindow = restartWindow;
        this.emaCount = owner.ones(new Shape(codes));
        try (NDArray n = normalise(codebook, 1)) {
            this.emaSum = n.duplicate();
        }
        this.emaSum.attach(owner);
        this.lastUsed = new int[codes];
    }

    /** Normalises {@code z} [N, D, h, w] over D and picks the most similar code for every position. */
    Result quantize(NDArray z, NDArray codebook) {
        Shape s = z.getShape();
        long n = s.get(0);
        long h = s.get(2);
        long w = s.get(3);
        NDArray normed = normalise(z, 1);
        NDArray flat = normed.transpose(0, 2, 3, 1).reshape(n * h * w, dim);
        NDArray indices;
        try (NDArray sim = flat.stopGradient().matMul(codebook.transpose())) {
            indices = sim.argMax(1);
        }
        NDArray rows = indices.getNDArrayInternal()
                .embedding(indices, codebook, SparseFormat.DENSE)
                .singletonOrThrow();
        NDArray quantised = rows.reshape(n, h, w, dim).transpose(0, 3, 1, 2);
        NDArray straight = normed.add(quantised.sub(normed).stopGradient());
        NDArray commitment = normed.sub(quantised).square().mean();
        return new Result(flat, indices, straight, commitment);
    }

    /**
     * Moves the codes towards the mean of the latents they won, restarts codes unused for the restart window, and
     * returns the new normalised codebook (owned by {@code owner}).
     */
    NDArray update(Result r, NDManager owner, SplittableRandom rnd) {
        step++;
        try (NDManager m = owner.newSubManager()) {
            NDArray flat = r.flat().stopGradient();
            flat.tempAttach(m);
            if (!finite(flat)) {
                NDArray same = normalise(emaSum, 1);
                same.attach(owner);
                return same; // a non-finite batch must not poison the averages
            }
            NDArray oneHot = r.indices().oneHot(codes, DataType.FLOAT32);
            oneHot.attach(m);
            NDArray counts = oneHot.sum(new int[] {0});
            NDArray sums = oneHot.transpose().matMul(flat);
            emaCount.muli(decay).addi(counts.muli(1 - decay));
            emaSum.muli(decay).addi(sums.muli(1 - decay));
            long[] used = r.indices().toLongArray();
            for (long u : used) {
                lastUsed[(int) u] = (int) step;
            }
            if (step % restartWindow == 0) {
                restart(flat.toFloatArray(), used.length, rnd);
            }
        }
        NDArray book = normalise(emaSum, 1);
        book.attach(owner);
        return book;
    }

    /** Codes that have not won a latent for the whole window restart on random latents of the batch. */
    private void restart(float[] latents, int count, SplittableRandom rnd) {
        float[] sum = emaSum.toFloatArray();
        float[] cnt = emaCount.toFloatArray();
        double mean = 0;
        for (float c : cnt) {
            mean += c;
        }
        mean /= codes;
        int restarted = 0;
        for (int k = 0; k < codes; k++) {
            if (step - lastUsed[k] >= restartWindow) {
                int from = rnd.nextInt(count);
                for (int d = 0; d < dim; d++) {
                    sum[k * dim + d] = (float) (latents[from * dim + d] * mean);
                }
                cnt[k] = (float) mean;
                lastUsed[k] = (int) step;
                restarted++;
            }
        }
        if (restarted > 0) {
            emaSum = replace(emaSum, sum);
            emaCount = replace(emaCount, cnt);
        }
    }

    /**
     * A libtorch-owned array with {@code values} in {@code old}'s shape and manager; {@code old} is closed. (Not
     * {@code NDArray.set}, which makes the tensor use a Java buffer.)
     */
    private static NDArray replace(NDArray old, float[] values) {
        NDManager m = old.getManager();
        NDArray next;
        try (NDArray view = m.create(values, old.getShape())) {
            next = view.duplicate();
        }
        old.close();
        return next;
    }

    /** Whether every element is finite. */
    static boolean finite(NDArray x) {
        try (NDArray bad = x.isNaN().logicalOr(x.isInfinite());
                NDArray any = bad.any()) {
            return !any.getBoolean();
        }
    }

    /** Codes won in the last restart window (a usage measure for the progress line). */
    int codesInUse() {
        int n = 0;
        for (int u : lastUsed) {
            if (step - u < restartWindow) {
                n++;
            }
        }
        return n;
    }

    /** The moving averages, for a resumable checkpoint. */
    StateDict state() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        out.put("ema_count", ParameterStore.toTensor("ema_count", emaCount, DType.FLOAT32));
        out.put("ema_sum", ParameterStore.toTensor("ema_sum", emaSum, DType.FLOAT32));
        long[] used = new long[codes + 1];
        for (int k = 0; k < codes; k++) {
            used[k] = lastUsed[k];
        }
        used[codes] = step;
        try (NDManager m = emaSum.getManager().newSubManager();
                NDArray u = m.create(used)) {
            out.put("last_used", ParameterStore.toTensor("last_used", u, DType.INT64));
        }
        return new StateDict(out);
    }

    /** Restores {@link #state()}. */
    void load(StateDict state, NDManager owner) {
        try (NDArray c = ParameterStore.toArray(owner, state.get("ema_count"));
                NDArray s = ParameterStore.toArray(owner, state.get("ema_sum"))) {
            emaCount = replace(emaCount, c.toFloatArray());
            emaSum = replace(emaSum, s.toFloatArray());
        }
        if (state.find("last_used").isEmpty()) {
            return; // written before usage was saved: every code counts as just used
        }
        try (NDArray u = ParameterStore.toArray(owner, state.get("last_used"))) {
            long[] used = u.toLongArray();
            for (int k = 0; k < codes; k++) {
                lastUsed[k] = (int) used[k];
            }
            step = used[codes];
        }
    }

    /** {@code x / max(||x||, 1e-6)} over {@code axis}, a new array in {@code x}'s manager. */
    static NDArray normalise(NDArray x, int axis) {
        try (NDArray norm = x.norm(new int[] {axis}, true)) {
            NDArray clamped = norm.maximum(1e-6f);
            NDArray out = x.div(clamped);
            clamped.close();
            return out;
        }
    }
}

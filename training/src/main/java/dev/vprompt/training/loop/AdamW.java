package dev.vprompt.training.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.vprompt.engine.checkpoint.DType;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.checkpoint.TensorData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), written on NDArrays so its moments can be saved with a
 * checkpoint and a run resumed exactly. {@link #step} reads each trainable parameter's accumulated gradient, updates
 * the parameter in place outside autograd, and zeroes the gradient.
 *
 * <p>Not thread-safe: confine to the training thread; call {@link #step} after the step's gradient scope is closed.
 */
public final class AdamW {

    private static final String FIRST = "exp_avg.";
    private static final String SECOND = "exp_avg_sq.";
    private static final NDIndex ALL = new NDIndex("...");

    private final ParameterStore params;
    private final Predicate<String> trainable;
    private final Predicate<String> decayed;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private long steps;

    /**
     * @param trainable which parameters it updates (they must require gradients)
     * @param decayed which of those get weight decay (not norms, biases, embeddings)
     */
    public AdamW(
            ParameterStore params,
            Predicate<String> trainable,
            Predicate<String> decayed,
            float beta1,
            float beta2,
            float eps,
            float weightDecay) {
        this.params = params;
        this.trainable = trainable;
        this.decayed = decayed;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        NDManager m = params.manager();
        params.arrays().forEach((name, p) -> {
            if (trainable.test(name)) {
                first.put(name, m.zeros(p.getShape(), p.getDataType()));
                second.put(name, m.zeros(p.getShape(), p.getDataType()));
            }
        });
    }

    /**
     * One update at learning rate {@code lr} from the accumulated gradients, which are then zeroed. When their global
     * l2 norm exceeds {@code maxNorm} they are scaled down to it first; when it is not finite the update is skipped.
     *
     * @return the gradients' global norm before clipping (NaN or infinite when the update was skipped)
     */
    public double step(float lr, double maxNorm) {
        double norm = globalNorm();
        if (!Double.isFinite(norm)) {
            zeroGradients();
            return norm;
        }
        float clip = norm > maxNorm ? (float) (maxNorm / norm) : 1f;
        steps++;
        float c1 = (float) (1 - Math.pow(beta1, steps));
        float c2 = (float) Math.sqrt(1 - Math.pow(beta2, steps));
        for (Map.Entry<String, NDArray> e : first.entrySet()) {
            String name = e.getKey();
            NDArray p = params.get(name);
            NDArray m = e.getValue();
            NDArray v = second.get(name);
            try (NDArray g = p.getGradient()) {
                if (clip < 1f) {
                    g.muli(clip);
                }
                try (NDArray gm = g.mul(1 - beta1);
                        NDArray g2 = g.square()) {
                    m.muli(beta1).addi(gm);
                    g2.muli(1 - beta2);
                    v.muli(beta2).addi(g2);
                }
                try (NDArray denom = v.sqrt()) {
                    denom.divi(c2).addi(eps);
                    try (NDArray update = m.div(denom)) {
                        update.muli(lr / c1);
                        if (weightDecay > 0 && decayed.test(name)) {
                            p.muli(1 - lr * weightDecay);
                        }
                        p.subi(update);
                    }
                }
                g.subi(g);
            }
        }
        return norm;
    }

    /** The l2 norm of all trainable gradients together. */
    private double globalNorm() {
        double sum = 0;
        for (String name : first.keySet()) {
            try (NDArray g = params.get(name).getGradient();
                    NDArray sq = g.square();
                    NDArray s = sq.sum()) {
                sum += s.getFloat();
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Discards the accumulated gradients: zeros written into their own storage (which also clears NaN and
     * infinity). {@code NDArray.set(float[])} must not be used here: it points the gradient at a Java buffer that is
     * freed once the gradient's wrapper is gone.
     */
    public void zeroGradients() {
        for (String name : first.keySet()) {
            try (NDArray g = params.get(name).getGradient()) {
                g.set(ALL, 0f);
            }
        }
    }

    /** Updates made so far. */
    public long steps() {
        return steps;
    }

    /** The moments and the step count, as checkpoint tensors. */
    public StateDict state() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        first.forEach((k, v) -> out.put(FIRST + k, ParameterStore.toTensor(FIRST + k, v, DType.FLOAT32)));
        second.forEach((k, v) -> out.put(SECOND + k, ParameterStore.toTensor(SECOND + k, v, DType.FLOAT32)));
        try (NDArray s = params.manager().create(new long[] {steps})) {
            out.put("step", ParameterStore.toTensor("step", s, DType.INT64));
        }
        return new StateDict(out);
    }

    /** Restores {@link #state()}. */
    public void load(StateDict state) {
        restore(first, FIRST, state);
        restore(second, SECOND, state);
        try (NDArray s = ParameterStore.toArray(params.manager(), state.get("step"))) {
            steps = s.toLongArray()[0];
        }
    }

    private void restore(Map<String, NDArray> moments, String prefix, StateDict state) {
        for (Map.Entry<String, NDArray> e : moments.entrySet()) {
            NDArray value = ParameterStore.toArray(params.manager(), state.get(prefix + e.getKey()));
            e.getValue().close();
            e.setValue(value);
        }
    }

    /** Whether {@code name} is updated by this optimizer. */
    public boolean updates(String name) {
        return trainable.test(name);
    }
}

package dev.vprompt.engine.model;

import java.util.SplittableRandom;

/**
 * Seeded random draws per named tensor, shared by the random model ({@link RandomWeights}) and the trainers'
 * initialisations: each tensor gets its own {@link SplittableRandom}, seeded from the model seed and a hash of the
 * tensor's official name, so values depend neither on the device nor on the order in which tensors are created.
 *
 * <p>Stateless; thread-safe (the generators it returns are not).
 */
public final class TensorDraws {

    /** The FNV-1a offset basis: the stream of the random model's weights. */
    public static final long MODEL_STREAM = 0xcbf29ce484222325L;

    private static final long FNV_PRIME = 0x100000001b3L;

    private TensorDraws() {}

    /**
     * The generator of tensor {@code name} for {@code seed} in {@code stream}. Distinct streams (FNV offset bases)
     * give a second initialisation of the same tensor that does not repeat the first's draws.
     */
    public static SplittableRandom generator(long seed, String name, long stream) {
        long h = stream;
        for (int i = 0; i < name.length(); i++) {
            h = (h ^ name.charAt(i)) * FNV_PRIME;
        }
        return new SplittableRandom(seed ^ h);
    }

    /** One draw from {@code N(0, std^2)} (Box-Muller; {@link SplittableRandom} has no {@code nextGaussian}). */
    public static double normal(SplittableRandom rnd, double std) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}

package dev.vprompt.training.scenes;

/**
 * numpy's legacy {@code np.random.RandomState} (the generator behind {@code np.random.seed}, {@code randint},
 * {@code choice}, {@code permutation}), reproduced draw for draw so that an evaluation seeded with the official seed
 * samples the official episodes: MT19937 seeded with {@code init_genrand(seed)}, bounded integers by masked
 * rejection sampling of 32-bit draws, {@code permutation(n)} as a Fisher-Yates shuffle from the top index down, and
 * {@code choice(a, 1, replace=False)} as the first element of {@code permutation(len(a))}.
 *
 * <p>Not thread-safe: confine to one thread.
 */
public final class NumpyRandomState {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER = 0x80000000;
    private static final int LOWER = 0x7fffffff;

    private final int[] mt = new int[N];
    private int pos;

    /** {@code np.random.seed(seed)}. */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1, was " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            long prev = mt[i - 1] & 0xFFFFFFFFL;
            mt[i] = (int) (1812433253L * (prev ^ (prev >>> 30)) + i);
        }
        pos = N;
    }

    /** The next raw 32-bit output, 0..2^32-1. */
    public long nextUint32() {
        if (pos >= N) {
            twist();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFFFFFFL;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & UPPER) | (mt[(k + 1) % N] & LOWER);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        pos = 0;
    }

    /** A value in {@code [0, max]} by masked rejection ({@code random_interval}); {@code max} below 2^32. */
    public long interval(long max) {
        if (max < 0 || max > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("max must be within 0..2^32-1, was " + max);
        }
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return value;
    }

    /** {@code np.random.randint(low, high)}: a value in {@code [low, high)}. */
    public int randint(int low, int high) {
        if (high <= low) {
            throw new IllegalArgumentException("low >= high: " + low + " >= " + high);
        }
        return (int) (low + interval((long) high - 1 - low));
    }

    /** {@code np.random.permutation(n)}. */
    public int[] permutation(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i >= 1; i--) {
            int j = (int) interval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** The index {@code np.random.choice(a, 1, replace=False)[0]} picks from an array of length {@code n}. */
    public int choiceWithoutReplacement(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("cannot choose from an empty array");
        }
        return permutation(n)[0];
    }
}

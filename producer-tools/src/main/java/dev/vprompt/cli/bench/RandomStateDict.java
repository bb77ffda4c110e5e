package dev.vprompt.cli.bench;

import dev.vprompt.engine.checkpoint.DType;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.checkpoint.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random float32 tensors for load benchmarks, cheap to make at 1.5 GiB: each tensor is a read-only view of a random
 * pool at a random aligned offset (tensors larger than the pool get their own random buffer). The bytes are random,
 * so nothing compresses or deduplicates them.
 *
 * <p>Thread-safe: stateless.
 */
final class RandomStateDict {

    /** Size of the shared random pool. */
    static final int POOL_BYTES = 64 << 20;

    private RandomStateDict() {}

    /** Float32 tensors of these names and shapes, filled from {@code seed}. */
    static StateDict of(Map<String, long[]> shapes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer pool = randomBuffer(POOL_BYTES, random);
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        shapes.forEach((name, shape) -> {
            long bytes = 4 * OfficialLayout.numel(shape);
            ByteBuffer data;
            if (bytes > POOL_BYTES) {
                data = randomBuffer(Math.toIntExact(bytes), random);
            } else {
                int length = (int) bytes;
                int offset = 4 * random.nextInt((POOL_BYTES - length) / 4 + 1);
                data = pool.slice(offset, length);
            }
            tensors.put(
                    name,
                    new TensorData(
                            name, shape, DType.FLOAT32, data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN)));
        });
        return new StateDict(tensors);
    }

    /**
     * Wrapping sum of every tensor's 8-byte little-endian words plus its trailing bytes: reading it touches every
     * byte, and equal sums show the file was read back as written.
     */
    static long checksum(StateDict stateDict) {
        long sum = 0;
        for (TensorData t : stateDict.tensors().values()) {
            ByteBuffer data = t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
            int base = data.position();
            int words = data.remaining() / 8;
            for (int i = 0; i < words; i++) {
                sum += data.getLong(base + 8 * i);
            }
            for (int i = base + 8 * words; i < data.limit(); i++) {
                sum += data.get(i) & 0xFF;
            }
        }
        return sum;
    }

    /** Total tensor bytes. */
    static long bytes(StateDict stateDict) {
        return stateDict.tensors().values().stream()
                .mapToLong(t -> t.data().remaining())
                .sum();
    }

    private static ByteBuffer randomBuffer(int bytes, SplittableRandom random) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 8) {
            b.putLong(random.nextLong());
        }
        while (b.hasRemaining()) {
            b.put((byte) random.nextInt(256));
        }
        return b.clear();
    }
}

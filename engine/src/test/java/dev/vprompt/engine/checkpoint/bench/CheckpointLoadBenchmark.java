package dev.vprompt.engine.checkpoint.bench;

import dev.vprompt.engine.checkpoint.DType;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.checkpoint.TensorData;
import dev.vprompt.engine.checkpoint.TorchCheckpoint;
import dev.vprompt.engine.checkpoint.TorchCheckpointWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Load benchmark of {@link TorchCheckpoint#read}: writes a MAE-VQGAN-L-sized (about 400M float32 parameters, 1.5 GiB)
 * random checkpoint in the official layout, then times reading it and touching every byte (a checksum that is checked
 * against the written data): once after dropping the file from the page cache ("cold", via {@code dd iflag=nocache})
 * and several times warm. Deletes the file unless {@code --keep}.
 *
 * <p>Usage: {@code CheckpointLoadBenchmark [file] [--keep] [--reuse] [--cold-runs N] [--warm-runs N]}; {@code --reuse}
 * reads an existing file written by an earlier {@code --keep} run instead of writing a new one. Prints to stdout (a tool, not library
 * code).
 */
public final class CheckpointLoadBenchmark {

    private static final int POOL_BYTES = 64 << 20;

    private CheckpointLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean keep = rest.remove("--keep");
        boolean reuse = rest.remove("--reuse");
        int coldRuns = intOption(rest, "--cold-runs", 1);
        int warmRuns = intOption(rest, "--warm-runs", 3);
        Path file = rest.isEmpty() ? Files.createTempFile("mae-vqgan-large-", ".pth") : Path.of(rest.get(0));
        try {
            run(file, reuse, coldRuns, warmRuns);
        } finally {
            if (!keep) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static int intOption(List<String> args, String name, int defaultValue) {
        int at = args.indexOf(name);
        if (at < 0) {
            return defaultValue;
        }
        int value = Integer.parseInt(args.remove(at + 1));
        args.remove(at);
        return value;
    }

    private static void run(Path file, boolean reuse, int coldRuns, int warmRuns)
            throws IOException, InterruptedException {
        StateDict model = randomModel();
        long bytes = model.tensors().values().stream()
                .mapToLong(t -> t.data().remaining())
                .sum();
        long params =
                model.tensors().values().stream().mapToLong(TensorData::numel).sum();
        long expected = checksum(model);
        System.out.printf(
                "model: %d tensors, %,d parameters, %.1f MiB of tensor data, checksum %d%n",
                model.size(), params, mib(bytes), expected);

        if (!reuse) {
            write(file, model);
        }
        for (int i = 1; i <= coldRuns; i++) {
            dropFromPageCache(file);
            measure("cold " + i + " (" + residentMib(file) + " MiB cached)", file, bytes, expected);
        }
        for (int i = 1; i <= warmRuns; i++) {
            measure("warm " + i, file, bytes, expected);
        }
    }

    private static void write(Path file, StateDict model) throws IOException {
        long t0 = System.nanoTime();
        TorchCheckpointWriter.create()
                .prefix("checkpoint-1000")
                .model(model)
                .epoch(1000)
                .args(Map.of("model", "mae_vit_large_patch16", "batch_size", 64L, "blr", 1.5e-4))
                .write(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
        double writeSeconds = seconds(t0);
        System.out.printf(
                "write: %s, %.1f MiB in %.2f s = %.0f MB/s (incl. fsync)%n",
                file, mib(Files.size(file)), writeSeconds, Files.size(file) / 1e6 / writeSeconds);
    }

    private static void measure(String label, Path file, long bytes, long expected) {
        long t0 = System.nanoTime();
        StateDict read = TorchCheckpoint.read(file);
        double readSeconds = seconds(t0);
        long sum = checksum(read);
        double totalSeconds = seconds(t0);
        if (sum != expected) {
            throw new IllegalStateException("checksum mismatch: " + sum + " != " + expected);
        }
        System.out.printf(
                "%-28s read %6.3f s + touch every byte = %6.3f s total -> %6.0f MB/s (checksum ok)%n",
                label + ":", readSeconds, totalSeconds, bytes / 1e6 / totalSeconds);
    }

    /** Sum of all 8-byte little-endian words plus trailing bytes of every tensor (wrapping). */
    static long checksum(StateDict stateDict) {
        long sum = 0;
        for (TensorData t : stateDict.tensors().values()) {
            ByteBuffer data = t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
            int words = data.remaining() / 8;
            int base = data.position();
            for (int i = 0; i < words; i++) {
                sum += data.getLong(base + 8 * i);
            }
            for (int i = base + 8 * words; i < data.limit(); i++) {
                sum += data.get(i) & 0xff;
            }
        }
        return sum;
    }

    /** Random float32 tensors: slices of one random pool at random 4-byte aligned offsets. */
    private static StateDict randomModel() {
        SplittableRandom random = new SplittableRandom(20241125);
        ByteBuffer pool = ByteBuffer.allocateDirect(POOL_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        while (pool.remaining() >= 8) {
            pool.putLong(random.nextLong());
        }
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        MaeVqganLargeShapes.shapes().forEach((name, shape) -> {
            long numel = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            int length = (int) (numel * 4);
            int offset = 4 * random.nextInt((POOL_BYTES - length) / 4 + 1);
            ByteBuffer data = pool.slice(offset, length).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
            tensors.put(name, new TensorData(name, shape, DType.FLOAT32, data));
        });
        return new StateDict(tensors);
    }

    /**
     * Asks the kernel to drop the file's pages (GNU dd {@code iflag=nocache count=0}). Pages still mapped by buffers of
     * an earlier run cannot be dropped, so this first lets the garbage collector unmap them.
     */
    private static void dropFromPageCache(Path file) throws IOException, InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        new ProcessBuilder("dd", "if=" + file, "iflag=nocache", "count=0", "status=none")
                .inheritIO()
                .start()
                .waitFor();
    }

    /** How much of the file is in the page cache, from util-linux {@code fincore}; "?" when unavailable. */
    private static String residentMib(Path file) throws IOException, InterruptedException {
        Process fincore = new ProcessBuilder("fincore", "--bytes", "--noheadings", "--output", "RES", file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(fincore.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        if (fincore.waitFor() != 0) {
            return "?";
        }
        return Long.toString(Long.parseLong(out.strip()) >> 20);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}

package dev.vprompt.engine.model;

import dev.vprompt.bench.engine.BenchImages;
import dev.vprompt.engine.canvas.Canvas;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tensor fill: packing a batch of canvases into the direct buffers handed to the model ({@link CanvasBatch}, NHWC
 * bytes plus {@code ids_shuffle}/{@code ids_restore}). In the model's package because the packer is package-private;
 * divide by {@code batch} for the per-job figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TensorFillBenchmark {

    @Param({"1", "8"})
    public int batch;

    private List<Canvas> canvases;

    @Setup
    public void setUp() {
        Canvas c = BenchImages.pastedCanvas(BenchImages.photo(300, 200, 1), BenchImages.mask(300, 200));
        canvases = Collections.nCopies(batch, c);
    }

    @Benchmark
    public CanvasBatch pack() {
        return CanvasBatch.of(canvases);
    }
}

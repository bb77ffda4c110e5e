package dev.vprompt.bench.engine;

import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.image.PilResize;
import dev.vprompt.engine.image.RgbImage;
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
 * Pillow-exact resize of a decoded query (118x111 is {@code vp bench pipeline}'s): to a 2x2 cell (111x111 bicubic, segmentation) and to a 3x2 cell (74x74
 * bilinear, synthetic tasks).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResizeBenchmark {

    @Param({"118x111", "300x200", "1024x768"})
    public String size;

    private RgbImage photo;

    @Setup
    public void setUp() {
        String[] wh = size.split("x");
        photo = BenchImages.photo(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), 1);
    }

    @Benchmark
    public RgbImage bicubic111() {
        return PilResize.bicubic(photo, 111, 111);
    }

    @Benchmark
    public RgbImage bilinear74() {
        return CanvasBuilder.cell3x2(photo);
    }
}

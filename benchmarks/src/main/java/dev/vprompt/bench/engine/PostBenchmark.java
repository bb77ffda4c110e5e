package dev.vprompt.bench.engine;

import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.post.BinaryMask;
import dev.vprompt.engine.post.ColorRounding;
import dev.vprompt.engine.post.DetectionBox;
import dev.vprompt.engine.post.SegmentationMask;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Post-processing of a pasted canvas for a 300x200 query: the segmentation mask at the query's size and the detection
 * box (largest component).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PostBenchmark {

    private RgbImage pasted;
    private Cell cell;

    @Setup
    public void setUp() {
        pasted = BenchImages.pastedCanvas(BenchImages.photo(300, 200, 1), BenchImages.mask(300, 200))
                .image();
        cell = BenchImages.answerCell();
    }

    @Benchmark
    public BinaryMask segmentationMask() {
        return SegmentationMask.forQuery(pasted, cell, 300, 200, ColorRounding.NEAREST);
    }

    @Benchmark
    public Optional<DetectionBox> detectionBox() {
        return DetectionBox.detect(pasted, cell, 300, 200, ColorRounding.NEAREST);
    }
}

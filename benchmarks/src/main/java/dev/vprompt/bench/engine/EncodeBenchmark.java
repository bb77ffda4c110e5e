package dev.vprompt.bench.engine;

import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RepeatingRowsPng;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.post.BinaryMask;
import dev.vprompt.engine.post.ColorRounding;
import dev.vprompt.engine.post.SegmentationMask;
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
 * The PNGs a job publishes: {@code prediction.png} (the 224x224 RGB pasted canvas) and {@code mask.png} (a 300x200
 * black/white mask, written from the mask's bits as the worker does); {@code prediction.png} both coded whole and as the
 * worker codes it for jobs sharing an example pair (the rows above the answer cell coded once). The encoded sizes are printed once per trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EncodeBenchmark {

    private RgbImage canvas;
    private BinaryMask mask;
    private RepeatingRowsPng repeating;
    private RepeatingRowsPng repeatingStored;
    private int headRows;

    @Setup
    public void setUp() {
        canvas = BenchImages.pastedCanvas(BenchImages.photo(300, 200, 1), BenchImages.mask(300, 200))
                .image();
        repeating = new RepeatingRowsPng();
        repeatingStored = new RepeatingRowsPng(RepeatingRowsPng.DEFAULT_CAPACITY, RepeatingRowsPng.Tail.STORED);
        headRows = BenchImages.answerCell().y() / 16 * 16;
        mask = SegmentationMask.forQuery(canvas, BenchImages.answerCell(), 300, 200, ColorRounding.NEAREST);
        System.out.printf(
                "%nencoded bytes: prediction.png %d (head reused: %d, tail stored: %d), mask.png %d%n",
                predictionPng().length,
                predictionPngHeadReused().length,
                predictionPngStoredTail().length,
                maskPng().length);
    }

    @Benchmark
    public byte[] predictionPng() {
        return PngCodec.encode(canvas);
    }

    /** As the worker codes it: the rows above the answer cell are the example pair's, coded by an earlier job. */
    @Benchmark
    public byte[] predictionPngHeadReused() {
        return repeating.encode(canvas, headRows);
    }

    /** The same with the rows below the head stored uncompressed ({@code RepeatingRowsPng.Tail.STORED}). */
    @Benchmark
    public byte[] predictionPngStoredTail() {
        return repeatingStored.encode(canvas, headRows);
    }

    @Benchmark
    public byte[] maskPng() {
        return PngCodec.encodeGray(mask.width(), mask.height(), mask.grayPixels());
    }
}

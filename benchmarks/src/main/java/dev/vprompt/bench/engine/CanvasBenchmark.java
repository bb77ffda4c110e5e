package dev.vprompt.bench.engine;

import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.image.RgbImage;
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
 * Canvas assembly as the worker does it with cached example cells: {@code fromCells} places three prepared 111x111
 * cells (assembly alone); {@code withQuery} also resizes a 300x200 query (the per-job work of a cached job).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CanvasBenchmark {

    private final CanvasBuilder builder = new CanvasBuilder();
    private RgbImage exampleCell;
    private RgbImage maskCell;
    private RgbImage query;
    private RgbImage queryCell;

    @Setup
    public void setUp() {
        exampleCell = CanvasBuilder.cell2x2(BenchImages.photo(300, 200, 2));
        maskCell = CanvasBuilder.cell2x2(BenchImages.mask(300, 200));
        query = BenchImages.photo(300, 200, 1);
        queryCell = CanvasBuilder.cell2x2(query);
    }

    @Benchmark
    public Canvas grid2x2FromCells() {
        return builder.grid2x2(Arrangement.STANDARD, exampleCell, maskCell, queryCell, null);
    }

    @Benchmark
    public Canvas grid2x2WithQuery() {
        return builder.grid2x2(Arrangement.STANDARD, exampleCell, maskCell, query, null);
    }
}

package dev.vprompt.bench.engine;

import dev.vprompt.engine.image.ImageDecodeException;
import dev.vprompt.engine.image.ImageDecoder;
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
 * Query decode: encoded bytes to the Pillow-exact RGB image ({@link ImageDecoder#decode}). {@code size} is the query
 * image; {@code source} says which encoder made the PNG ({@code vprompt}: the project's writer, Sub filter, fast
 * deflate; {@code imageio}: the JDK's writer, adaptive filters).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecodeBenchmark {

    @Param({"300x200", "1024x768"})
    public String size;

    @Param({"vprompt", "imageio"})
    public String source;

    private final ImageDecoder decoder = new ImageDecoder();
    private byte[] png;
    private byte[] jpeg;

    @Setup
    public void setUp() {
        String[] wh = size.split("x");
        RgbImage photo = BenchImages.photo(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), 1);
        png = source.equals("vprompt") ? BenchImages.png(photo) : BenchImages.pngFromImageIo(photo);
        jpeg = BenchImages.jpeg(photo);
    }

    @Benchmark
    public RgbImage decodePng() throws ImageDecodeException {
        return decoder.decode(png);
    }

    @Benchmark
    public RgbImage decodeJpeg() throws ImageDecodeException {
        return decoder.decode(jpeg);
    }
}

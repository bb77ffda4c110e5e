package dev.vprompt.bench.engine;

import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The inputs of the engine benchmarks: a procedural photo (gradients, a few hard-edged shapes and a little noise, so
 * that PNG and JPEG compress it as they compress a photo, not a flat test card), its encodings, and a canvas with a
 * prediction pasted in. Deterministic. Thread-safe: stateless.
 */
public final class BenchImages {

    private BenchImages() {}

    /** A {@code width x height} photo-like image. */
    public static RgbImage photo(int width, int height, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] px = new byte[3 * width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = 3 * (y * width + x);
                boolean disc = sq(x - width * 0.4) + sq(y - height * 0.5) < sq(Math.min(width, height) * 0.25);
                boolean bar = x > width * 0.7 && x < width * 0.8;
                int r = disc ? 200 : bar ? 30 : 255 * x / width;
                int g = disc ? 60 : bar ? 140 : 255 * y / height;
                int b = disc ? 80 : bar ? 220 : 100 + 60 * (x + y) / (width + height);
                px[i] = (byte) clip(r + rnd.nextInt(-6, 7));
                px[i + 1] = (byte) clip(g + rnd.nextInt(-6, 7));
                px[i + 2] = (byte) clip(b + rnd.nextInt(-6, 7));
            }
        }
        return new RgbImage(width, height, px);
    }

    /** The disc of {@link #photo} as a black/white mask (equal channels). */
    public static RgbImage mask(int width, int height) {
        byte[] px = new byte[3 * width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean disc = sq(x - width * 0.4) + sq(y - height * 0.5) < sq(Math.min(width, height) * 0.25);
                byte v = (byte) (disc ? 255 : 0);
                int i = 3 * (y * width + x);
                px[i] = v;
                px[i + 1] = v;
                px[i + 2] = v;
            }
        }
        return new RgbImage(width, height, px);
    }

    /** A PNG as the project's own writer makes it (what {@code vp} uploads). */
    public static byte[] png(RgbImage image) {
        return PngCodec.encode(image);
    }

    /** A PNG from the JDK's writer (adaptive row filters, default deflate level), as another tool would send. */
    public static byte[] pngFromImageIo(RgbImage image) {
        return write(image, "png", null);
    }

    /** A baseline JPEG, quality 90, 4:2:0, from the JDK's writer (libjpeg). */
    public static byte[] jpeg(RgbImage image) {
        return write(image, "jpeg", 0.9f);
    }

    /**
     * A 2x2 canvas of {@code photo} and its mask whose answer cell holds the mask resized (the model's perfect
     * prediction): what post-processing and the {@code prediction.png} encoder see.
     */
    public static Canvas pastedCanvas(RgbImage photo, RgbImage mask) {
        return new CanvasBuilder().grid2x2(Arrangement.STANDARD, photo, mask, photo, mask);
    }

    /** The answer cell of the standard arrangement. */
    public static Cell answerCell() {
        return Arrangement.STANDARD.answerCell();
    }

    private static byte[] write(RgbImage image, String format, Float quality) {
        BufferedImage bi = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] data = ((DataBufferByte) bi.getRaster().getDataBuffer()).getData();
        byte[] px = image.pixels();
        for (int i = 0; i < px.length; i += 3) {
            data[i] = px[i + 2];
            data[i + 1] = px[i + 1];
            data[i + 2] = px[i];
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (quality != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(bi, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static double sq(double v) {
        return v * v;
    }

    private static int clip(int v) {
        return Math.max(0, Math.min(255, v));
    }
}

package dev.vprompt.engine.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes {@link RgbImage}s as 8-bit PNG (RGB, or single-channel gray for masks) through the JDK's PNG writer. The
 * pixel array is wrapped as the writer's raster without a per-pixel copy; output goes to memory only.
 *
 * <p>Thread-safe: stateless; every call uses its own {@link ImageWriter}.
 */
public final class PngCodec {

    private static final int[] RGB_OFFSETS = {0, 1, 2};
    private static final int[] GRAY_OFFSET = {0};

    private PngCodec() {}

    /** An 8-bit RGB PNG of {@code image}. */
    public static byte[] encode(RgbImage image) {
        WritableRaster raster = Raster.createInterleavedRaster(
                new DataBufferByte(image.pixels(), image.pixels().length),
                image.width(),
                image.height(),
                3 * image.width(),
                3,
                RGB_OFFSETS,
                null);
        return write(raster, ColorSpace.CS_sRGB);
    }

    /**
     * An 8-bit grayscale PNG of {@code image}, one third of the raw size of {@link #encode}: each pixel becomes
     * Pillow's {@code L} value ({@code (R*19595 + G*38470 + B*7471 + 0x8000) >> 16}), which for masks (equal
     * channels) is the channel value itself, so {@link ImageDecoder#decodeMask} gives the same image back.
     */
    public static byte[] encodeGray(RgbImage image) {
        byte[] px = image.pixels();
        byte[] gray = new byte[image.width() * image.height()];
        for (int i = 0, p = 0; i < gray.length; i++, p += 3) {
            gray[i] = (byte) PilConversion.luma(px[p] & 0xFF, px[p + 1] & 0xFF, px[p + 2] & 0xFF);
        }
        WritableRaster raster = Raster.createInterleavedRaster(
                new DataBufferByte(gray, gray.length),
                image.width(),
                image.height(),
                image.width(),
                1,
                GRAY_OFFSET,
                null);
        return write(raster, ColorSpace.CS_GRAY);
    }

    private static byte[] write(WritableRaster raster, int colorSpace) {
        ComponentColorModel cm = new ComponentColorModel(
                ColorSpace.getInstance(colorSpace), false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        BufferedImage image = new BufferedImage(cm, raster, false, null);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no PNG writer in this JRE");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raster.getWidth() * raster.getHeight() + 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), writer.getDefaultWriteParam());
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding to memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}

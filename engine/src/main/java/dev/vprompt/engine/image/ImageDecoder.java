package dev.vprompt.engine.image;

import dev.vprompt.engine.image.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes PNG and JPEG bytes into {@link RgbImage}s with the values the official Python code gets from Pillow
 * ({@code Image.open(f).convert('RGB')} for photos, {@code convert('L')} for masks), within {@link ImageLimits}.
 *
 * <p>PNG: 1/2/4/8/16-bit gray, gray+alpha, RGB, RGBA and palette images. JPEG: gray and YCbCr/RGB (baseline and
 * progressive); CMYK/YCCK JPEGs are {@link Reason#UNSUPPORTED_FORMAT}. The pixel count is checked from the header
 * before any pixel memory is allocated. Decoding goes through {@code javax.imageio} with an in-memory stream (no
 * temporary files) and reads raw samples from the raster; embedded ICC profiles are not applied (Pillow does not
 * apply them either: PNG profiles are ignored by the reader, JPEG profiles are stripped by {@link JpegIccStripper}
 * first). See {@link PilConversion} for the exact sample rules.
 *
 * <p>Thread-safe: stateless apart from the immutable limits; every call uses its own {@link ImageReader}.
 */
public final class ImageDecoder {

    private static final Logger LOGGER = LoggerFactory.getLogger(ImageDecoder.class);

    private final ImageLimits limits;

    /** A decoder with {@link ImageLimits#defaults()}. */
    public ImageDecoder() {
        this(ImageLimits.defaults());
    }

    public ImageDecoder(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public ImageLimits limits() {
        return limits;
    }

    /** Decodes a photo: Pillow's {@code convert('RGB')} (alpha dropped, gray replicated). */
    public RgbImage decode(byte[] encoded) throws ImageDecodeException {
        return decode(encoded, false);
    }

    /** Decodes a mask: Pillow's {@code convert('L')}, replicated to the three channels. */
    public RgbImage decodeMask(byte[] encoded) throws ImageDecodeException {
        return decode(encoded, true);
    }

    private RgbImage decode(byte[] encoded, boolean mask) throws ImageDecodeException {
        if (encoded == null || encoded.length == 0) {
            throw new ImageDecodeException(Reason.EMPTY, "no image bytes");
        }
        if (encoded.length > limits.maxEncodedBytes()) {
            throw new ImageDecodeException(
                    Reason.TOO_LARGE_BYTES, encoded.length + " bytes exceed the limit of " + limits.maxEncodedBytes());
        }
        ImageFormat format = ImageFormat.sniff(encoded)
                .orElseThrow(() -> new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, "neither PNG nor JPEG"));
        boolean clipGray16 = false;
        if (format == ImageFormat.PNG) {
            PngHeader header = PngHeader.parse(encoded);
            if (header == null) {
                throw new ImageDecodeException(Reason.CORRUPT, "PNG without a valid IHDR chunk");
            }
            clipGray16 = header.isGray16();
        }
        ImageReader reader = format.newReader()
                .orElseThrow(
                        () -> new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, "no ImageIO reader for " + format));
        byte[] input = format == ImageFormat.JPEG ? JpegIccStripper.strip(encoded) : encoded;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(input))) {
            TruncationWatcher watcher = new TruncationWatcher();
            reader.addIIOReadWarningListener(watcher);
            reader.setInput(in, true, true);
            checkPixels(reader.getWidth(0), reader.getHeight(0));
            checkColourComponents(reader);
            BufferedImage image = reader.read(0);
            if (watcher.truncated != null) {
                throw new ImageDecodeException(Reason.CORRUPT, "truncated " + format + ": " + watcher.truncated);
            }
            RgbImage rgb = PilConversion.toRgb(image, clipGray16);
            return mask ? PilConversion.toMask(rgb) : rgb;
        } catch (IOException | RuntimeException e) {
            LOGGER.debug("image decoding failed format={} bytes={} error={}", format, encoded.length, e.toString());
            throw new ImageDecodeException(Reason.CORRUPT, "cannot decode " + format + ": " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private void checkPixels(int width, int height) throws ImageDecodeException {
        if (width <= 0 || height <= 0) {
            throw new ImageDecodeException(Reason.CORRUPT, "header declares " + width + "x" + height);
        }
        long pixels = (long) width * height;
        if (pixels > limits.maxPixels()) {
            throw new ImageDecodeException(
                    Reason.TOO_MANY_PIXELS,
                    width + "x" + height + " = " + pixels + " pixels exceed the limit of " + limits.maxPixels());
        }
    }

    /** Rejects images whose colour model is neither gray nor RGB (e.g. CMYK JPEGs) before decoding them. */
    private static void checkColourComponents(ImageReader reader) throws IOException, ImageDecodeException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        if (!types.hasNext()) {
            throw new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, "colour space not supported (e.g. CMYK)");
        }
        int colors = types.next().getColorModel().getNumColorComponents();
        if (colors != 1 && colors != 3) {
            throw new ImageDecodeException(
                    Reason.UNSUPPORTED_FORMAT, colors + "-component images are not supported (e.g. CMYK)");
        }
    }

    /** Remembers the warning a JPEG reader gives when the data ends early (it then pads instead of failing). */
    private static final class TruncationWatcher implements IIOReadWarningListener {
        private String truncated;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            String w = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
            if (w.contains("premature end") || w.contains("truncated") || w.contains("missing eoi")) {
                truncated = warning;
            }
        }
    }
}

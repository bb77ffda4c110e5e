package dev.vprompt.engine.image;

import dev.vprompt.engine.image.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
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
 * Decodes encoded images into {@link RgbImage}s with the values the official Python code gets from Pillow
 * ({@code Image.open(f).convert('RGB')} for photos, {@code convert('L')} for masks), within {@link ImageLimits}.
 *
 * <p>Formats ({@link ImageFormat}): PNG (1/2/4/8/16-bit gray, gray+alpha, RGB, RGBA, palette; interlaced or not);
 * JPEG (gray, YCbCr/RGB, CMYK and YCCK, baseline and progressive); GIF (the first frame); BMP; TIFF (gray, RGB(A),
 * palette, bilevel, CMYK; uncompressed, LZW, Deflate, PackBits, CCITT); WebP (lossless exactly; lossy within a few
 * levels of libwebp, see the package documentation). The size is checked from the header before any pixel memory is
 * allocated ({@link ImageLimits#check}). Embedded ICC profiles are not applied, as Pillow does not apply them (JPEG
 * profiles are stripped by {@link JpegIccStripper} before the JDK reader would apply them). See {@link PilConversion}
 * for the exact sample rules.
 *
 * <p>8-bit and sub-byte non-interlaced PNGs, the usual query, take a direct path ({@link PngDecoder}) that inflates
 * straight into the pixel array; every other input goes through {@code javax.imageio} with an in-memory stream (no
 * temporary files), reading raw samples from the raster.
 *
 * <p>Thread-safe: stateless apart from the immutable limits; every call uses its own reader and inflater.
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
                .orElseThrow(() -> new ImageDecodeException(
                        Reason.UNSUPPORTED_FORMAT, "not a PNG, JPEG, GIF, BMP, TIFF or WebP image"));
        boolean clipGray16 = false;
        if (format == ImageFormat.PNG) {
            PngHeader header = PngHeader.parse(encoded);
            if (header == null) {
                throw new ImageDecodeException(Reason.CORRUPT, "PNG without a valid IHDR chunk");
            }
            limits.check(Integer.toUnsignedLong(header.width()), Integer.toUnsignedLong(header.height()));
            if (PngDecoder.supports(header)) {
                RgbImage rgb = PngDecoder.decode(encoded, header);
                return mask ? PilConversion.toMask(rgb) : rgb;
            }
            clipGray16 = header.isGray16();
        }
        return decodeWithImageIo(encoded, format, clipGray16, mask);
    }

    private RgbImage decodeWithImageIo(byte[] encoded, ImageFormat format, boolean clipPngGray16, boolean mask)
            throws ImageDecodeException {
        ImageReader reader = newReader(format);
        byte[] input = format == ImageFormat.JPEG ? JpegIccStripper.strip(encoded) : encoded;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new java.io.ByteArrayInputStream(input))) {
            TruncationWatcher watcher = new TruncationWatcher();
            reader.addIIOReadWarningListener(watcher);
            reader.setInput(in, true, true);
            limits.check(reader.getWidth(0), reader.getHeight(0));
            checkColourModel(reader);
            BufferedImage image = reader.read(0);
            if (watcher.truncated != null) {
                throw new ImageDecodeException(Reason.CORRUPT, "truncated " + format + ": " + watcher.truncated);
            }
            boolean clipGray16 = clipPngGray16 || format == ImageFormat.TIFF && isPlainGray16(image.getColorModel());
            RgbImage rgb = PilConversion.toRgb(image, clipGray16);
            return mask ? PilConversion.toMask(rgb) : rgb;
        } catch (IOException | RuntimeException e) {
            LOGGER.debug("image decoding failed format={} bytes={} error={}", format, encoded.length, e.toString());
            throw new ImageDecodeException(Reason.CORRUPT, "cannot decode " + format + ": " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader newReader(ImageFormat format) throws ImageDecodeException {
        try {
            return format.newReader()
                    .orElseThrow(() ->
                            new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, "no ImageIO reader for " + format));
        } catch (IOException e) {
            throw new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, "no ImageIO reader for " + format, e);
        }
    }

    /** 16-bit gray without alpha: Pillow opens it as {@code I;16} (TIFF) or {@code I} (PNG) and clips to 0..255. */
    private static boolean isPlainGray16(ColorModel cm) {
        return cm.getNumColorComponents() == 1 && !cm.hasAlpha() && cm.getComponentSize(0) == 16;
    }

    /** Rejects images whose colour model is neither gray, RGB nor CMYK (e.g. Lab TIFFs) before decoding them. */
    private static void checkColourModel(ImageReader reader) throws IOException, ImageDecodeException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        if (!types.hasNext()) {
            throw new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, "colour space not supported");
        }
        ColorModel cm = types.next().getColorModel();
        int colors = cm.getNumColorComponents();
        if (colors != 1 && colors != 3 && !PilConversion.isCmyk(cm)) {
            throw new ImageDecodeException(
                    Reason.UNSUPPORTED_FORMAT, colors + "-component images other than CMYK are not supported");
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

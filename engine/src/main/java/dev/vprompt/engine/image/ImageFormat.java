package dev.vprompt.engine.image;

import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;

/**
 * The encoded formats {@link ImageDecoder} accepts (those the official code's Pillow opens in practice), recognised
 * by their leading bytes as Pillow recognises them, never by a file name or content type.
 *
 * <p>Each format is read by one ImageIO plugin, chosen once: the JDK's own for PNG, JPEG (incl. CMYK and YCCK: the
 * JDK reader undoes Adobe's inversion and YCCK exactly as libjpeg does for Pillow), GIF and BMP; TwelveMonkeys' for
 * WebP, which the JDK lacks, and for TIFF, whose JDK reader scales 16-bit palettes to 8 bits differently from Pillow
 * ({@code v * 255 / 65535} instead of {@code v >> 8}). The decoder is tested against Pillow with exactly these. Thread-safe: the enum is immutable; readers are created per call.
 */
enum ImageFormat {
    PNG("png", false),
    JPEG("jpeg", false),
    GIF("gif", false),
    BMP("bmp", false),
    TIFF("tiff", true),
    WEBP("webp", true);

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final String imageIoName;
    private final boolean thirdPartyReader;

    ImageFormat(String imageIoName, boolean thirdPartyReader) {
        this.imageIoName = imageIoName;
        this.thirdPartyReader = thirdPartyReader;
    }

    /** The format whose signature starts {@code b}, if any. */
    static Optional<ImageFormat> sniff(byte[] b) {
        if (startsWith(b, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) {
            return Optional.of(GIF);
        }
        if (ascii(b, 0, "BM") && b.length >= 14) {
            return Optional.of(BMP);
        }
        if (b.length >= 4
                && (ascii(b, 0, "II") && b[2] == 42 && b[3] == 0 || ascii(b, 0, "MM") && b[2] == 0 && b[3] == 42)) {
            return Optional.of(TIFF);
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /** A new reader for this format. Readers are not thread-safe: one per decode, disposed after. */
    Optional<ImageReader> newReader() throws IOException {
        ImageReaderSpi spi = Providers.SPIS[ordinal()];
        return spi == null ? Optional.empty() : Optional.of(spi.createReaderInstance());
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] bytes, int offset, String text) {
        if (bytes.length < offset + text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (bytes[offset + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The reader provider of each format, looked up once in the ImageIO registry (lazily, on first decode). */
    private static final class Providers {
        static final ImageReaderSpi[] SPIS = lookUp();

        private static ImageReaderSpi[] lookUp() {
            ImageFormat[] formats = values();
            ImageReaderSpi[] spis = new ImageReaderSpi[formats.length];
            for (ImageFormat f : formats) {
                ImageReaderSpi preferred = null;
                ImageReaderSpi other = null;
                Iterator<ImageReaderSpi> it =
                        IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, true);
                while (it.hasNext()) {
                    ImageReaderSpi spi = it.next();
                    if (!handles(spi, f.imageIoName)) {
                        continue;
                    }
                    boolean jdk = spi.getClass().getName().startsWith("com.sun.imageio.plugins.");
                    if (jdk != f.thirdPartyReader && preferred == null) {
                        preferred = spi;
                    } else if (other == null) {
                        other = spi;
                    }
                }
                spis[f.ordinal()] = preferred != null ? preferred : other;
            }
            return spis;
        }

        private static boolean handles(ImageReaderSpi spi, String formatName) {
            for (String name : spi.getFormatNames()) {
                if (name.equalsIgnoreCase(formatName)) {
                    return true;
                }
            }
            return false;
        }
    }
}

package dev.vprompt.engine.image;

import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

/** The encoded formats {@link ImageDecoder} accepts, recognised by their leading bytes. */
enum ImageFormat {
    PNG("png"),
    JPEG("jpeg");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final String imageIoName;

    ImageFormat(String imageIoName) {
        this.imageIoName = imageIoName;
    }

    /** The format whose signature starts {@code bytes}, if any. */
    static Optional<ImageFormat> sniff(byte[] bytes) {
        if (startsWith(bytes, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        return Optional.empty();
    }

    /**
     * A new reader for this format, preferring the JDK's own plugin (whose behaviour the decoder is tested against)
     * over any other plugin on the class path. Readers are not thread-safe: one per decode, disposed after.
     */
    Optional<ImageReader> newReader() {
        ImageReader fallback = null;
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(imageIoName);
        while (it.hasNext()) {
            ImageReader r = it.next();
            if (r.getClass().getName().startsWith("com.sun.imageio.plugins.")) {
                if (fallback != null) {
                    fallback.dispose();
                }
                return Optional.of(r);
            }
            if (fallback == null) {
                fallback = r;
            } else {
                r.dispose();
            }
        }
        return Optional.ofNullable(fallback);
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
}

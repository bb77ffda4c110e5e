package dev.vprompt.engine.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Removes embedded ICC profiles ({@code APP2 "ICC_PROFILE"} segments) from a JPEG. The JDK's JPEG reader converts
 * images that carry a profile to sRGB through the colour management module; Pillow does not, so the official code
 * sees the decoder's raw RGB. Without the segments the JDK reader returns exactly that. Only header segments before
 * the first scan are touched; the entropy-coded data is copied unchanged.
 *
 * <p>Thread-safe: stateless.
 */
final class JpegIccStripper {

    private static final int APP2 = 0xE2;
    private static final int SOS = 0xDA;
    private static final byte[] ICC_ID = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);

    private JpegIccStripper() {}

    /** {@code jpeg} without ICC segments, or {@code jpeg} itself when it has none or its header cannot be parsed. */
    static byte[] strip(byte[] jpeg) {
        int pos = 2; // after SOI
        ByteArrayOutputStream out = null;
        int copiedUpTo = 0;
        while (pos + 4 <= jpeg.length) {
            if ((jpeg[pos] & 0xFF) != 0xFF) {
                return jpeg; // not at a marker: leave the bytes for the reader to judge
            }
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == SOS || marker == 0xD9 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                break;
            }
            int length = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
            int end = pos + 2 + length;
            if (length < 2 || end > jpeg.length) {
                return jpeg;
            }
            if (marker == APP2 && isIcc(jpeg, pos + 4, end)) {
                if (out == null) {
                    out = new ByteArrayOutputStream(jpeg.length);
                }
                out.write(jpeg, copiedUpTo, pos - copiedUpTo);
                copiedUpTo = end;
            }
            pos = end;
        }
        if (out == null) {
            return jpeg;
        }
        out.write(jpeg, copiedUpTo, jpeg.length - copiedUpTo);
        return out.toByteArray();
    }

    private static boolean isIcc(byte[] b, int from, int end) {
        if (end - from < ICC_ID.length) {
            return false;
        }
        for (int i = 0; i < ICC_ID.length; i++) {
            if (b[from + i] != ICC_ID[i]) {
                return false;
            }
        }
        return true;
    }
}

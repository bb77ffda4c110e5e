package dev.vprompt.engine.canvas;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vprompt.engine.io.NpyArray;
import java.nio.file.Files;
import java.nio.file.Path;

/** The official reference vectors ({@code vprompt.fixtures} system property); tests are skipped without them. */
final class OfficialFixture {

    private OfficialFixture() {}

    /** The fixture folder, or a skipped test (with the reason) when it is not configured or not present. */
    static Path dir() {
        String prop = System.getProperty("vprompt.fixtures");
        assumeTrue(prop != null && !prop.isBlank(), "SKIPPED: system property vprompt.fixtures is not set");
        Path dir = Path.of(prop);
        assumeTrue(
                Files.isRegularFile(dir.resolve("canvas.npy")),
                "SKIPPED: official fixtures not found at " + dir.toAbsolutePath());
        return dir;
    }

    /** A float32 array of values k/255 (the official ToTensor output) back to the bytes k, checking exactness. */
    static byte[] unitFloatsToBytes(NpyArray array) {
        float[] v = array.toFloatArray();
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            int k = Math.round(v[i] * 255f);
            if (k < 0 || k > 255 || (float) k / 255f != v[i]) {
                throw new AssertionError("value " + v[i] + " at " + i + " is not k/255 in float32");
            }
            out[i] = (byte) k;
        }
        return out;
    }
}

package dev.vprompt.engine.score;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vprompt.engine.image.RgbImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Access to the official reference fixtures (system property {@code vprompt.fixtures}); skips when absent. */
final class FixtureImages {

    private FixtureImages() {}

    /** The fixture folder, or a skipped test (with a notice) when it is not available. */
    static Path folder(String... requiredFiles) {
        String property = System.getProperty("vprompt.fixtures");
        assumeTrue(
                property != null && Files.isDirectory(Path.of(property)),
                "SKIPPED: fixture folder not available (system property vprompt.fixtures=" + property + ")");
        Path dir = Path.of(property);
        for (String f : requiredFiles) {
            assumeTrue(Files.isRegularFile(dir.resolve(f)), "SKIPPED: fixture file missing: " + dir.resolve(f));
        }
        return dir;
    }

    static RgbImage png(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] px = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int i = 3 * (y * w + x);
                px[i] = (byte) (rgb >> 16);
                px[i + 1] = (byte) (rgb >> 8);
                px[i + 2] = (byte) rgb;
            }
        }
        return new RgbImage(w, h, px);
    }

    static JsonNode json(Path file) throws IOException {
        return JsonMapper.builder().build().readTree(file.toFile());
    }
}

package dev.vprompt.cli.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vprompt.engine.image.ImageDecodeException;
import dev.vprompt.engine.image.ImageDecoder;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.io.NpyArray;
import dev.vprompt.engine.io.NpyReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The official tiny MAE-VQGAN reference vectors (folder from the {@code vprompt.fixtures} system property); tests that
 * need them are skipped with a notice when they are absent. Also small image helpers for tests.
 */
public final class Fixtures {

    static final String PROPERTY = "vprompt.fixtures";

    private Fixtures() {}

    /** The fixture folder, or a skipped test saying why. */
    public static Path dir() {
        String p = System.getProperty(PROPERTY);
        assumeTrue(p != null && !p.isBlank(), "SKIPPED: system property " + PROPERTY + " is not set (no fixtures)");
        Path dir = Path.of(p);
        assumeTrue(
                Files.isRegularFile(dir.resolve("checkpoint.pth")),
                "SKIPPED: no MAE-VQGAN fixtures at " + dir.toAbsolutePath() + " (" + PROPERTY + ")");
        return dir;
    }

    /** A file of the fixture folder (the test is skipped when the fixtures are absent). */
    public static Path file(String name) {
        return dir().resolve(name);
    }

    static NpyArray npy(String name) {
        try {
            return NpyReader.read(file(name + ".npy"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code expected.json} of the fixtures. */
    static JsonNode expected() {
        try {
            return new ObjectMapper().readTree(file("expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes an RGB image file. */
    static RgbImage rgb(Path file) {
        try {
            return new ImageDecoder().decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ImageDecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Uniform random pixels, the same for the same size. */
    public static RgbImage randomImage(int width, int height) {
        SplittableRandom random = new SplittableRandom(7);
        byte[] px = new byte[3 * width * height];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) random.nextInt(256);
        }
        return new RgbImage(width, height, px);
    }

    /** Writes {@code image} as a PNG file and returns the file. */
    public static Path writePng(RgbImage image, Path file) {
        try {
            Files.write(file, PngCodec.encode(image));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether byte {@code i} of a 224x224 HWC canvas lies in the standard 2x2 predicted quadrant (patches 7-13). */
    static boolean inStandardAnswerQuadrant(int i) {
        int pixel = i / 3;
        return pixel / 224 >= 112 && pixel % 224 >= 112;
    }
}

package dev.vprompt.engine.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.canvas.Layout;
import dev.vprompt.engine.canvas.PatchMask;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.checkpoint.TorchCheckpoint;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.io.NpyArray;
import dev.vprompt.engine.io.NpyReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The official tiny MAE-VQGAN reference vectors ({@code vprompt.fixtures}); tests are skipped when absent. */
final class Fixture {

    static final String PROPERTY = "vprompt.fixtures";

    private Fixture() {}

    /** The fixture folder, or a skipped test with a notice saying why. */
    static Path dir() {
        String p = System.getProperty(PROPERTY);
        assumeTrue(p != null, "SKIPPED: system property " + PROPERTY + " not set; parity tests need the fixtures");
        Path dir = Path.of(p);
        assumeTrue(
                Files.isRegularFile(dir.resolve("checkpoint.pth")),
                "SKIPPED: no MAE-VQGAN fixture at " + dir + " (" + PROPERTY + ")");
        return dir;
    }

    static NpyArray npy(String name) {
        try {
            return NpyReader.read(dir().resolve(name + ".npy"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MaeVqganConfig config() {
        return MaeVqganConfig.fromJson(dir().resolve("config.json"));
    }

    /** The checkpoint's model tensors, read with the project's own reader. */
    static StateDict stateDict() {
        return TorchCheckpoint.read(dir().resolve("checkpoint.pth"));
    }

    /** The standard 2x2 evaluation canvas from [224, 224, 3] floats {@code k/255}. */
    static Canvas canvas(float[] hwc, int offset) {
        byte[] px = new byte[3 * Canvas.SIZE * Canvas.SIZE];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) Math.round(hwc[offset + i] * 255f);
        }
        return new Canvas(
                new RgbImage(Canvas.SIZE, Canvas.SIZE, px),
                PatchMask.rectangle(7, 13, 7, 13),
                Layout.GRID_2X2,
                new Cell(113, 113, 111, 111));
    }
}

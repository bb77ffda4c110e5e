package dev.vprompt.cli.eval;

import dev.vprompt.training.scenes.ProceduralScenes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a small folder in the ImageNet validation layout ({@code val/<wnid>/ILSVRC2012_val_<n>.JPEG}) from
 * {@link ProceduralScenes}, so the colorization evaluation can run where ImageNet is absent. Thread-safe: stateless.
 */
public final class ImageNetGenerator {

    /** Number of class folders written. */
    public static final int CLASSES = 10;

    private ImageNetGenerator() {}

    /** Writes {@code perClass} pictures for each of {@value #CLASSES} classes under {@code root/val}. */
    public static Path write(Path root, int perClass, long seed) throws IOException {
        if (perClass < 1) {
            throw new IllegalArgumentException("perClass must be >= 1, was " + perClass);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 0;
        for (int c = 0; c < CLASSES; c++) {
            Path dir = Files.createDirectories(root.resolve("val").resolve(String.format(Locale.ROOT, "n%08d", c)));
            for (int i = 0; i < perClass; i++) {
                int w = 120 + rnd.nextInt(100);
                int h = 120 + rnd.nextInt(100);
                var scene =
                        ProceduralScenes.render(w, h, (c * 2) % ProceduralScenes.CLASS_COUNT, rnd.nextBoolean(), rnd);
                Files.write(
                        dir.resolve(String.format(Locale.ROOT, "ILSVRC2012_val_%08d.JPEG", ++n)),
                        PascalGenerator.jpeg(scene.photo()));
            }
        }
        return root;
    }
}

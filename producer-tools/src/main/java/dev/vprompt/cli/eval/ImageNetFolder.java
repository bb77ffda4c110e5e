package dev.vprompt.cli.eval;

import dev.vprompt.engine.image.ImageDecodeException;
import dev.vprompt.engine.image.ImageDecoder;
import dev.vprompt.engine.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The ImageNet validation folder as torchvision's {@code ImageFolder(<root>/val)} lists it, which fixes the sample
 * indices the official colorization evaluation draws: class folders in sorted name order; inside each, every folder
 * of its tree in sorted path order and its files in sorted name order; only files with an image extension.
 *
 * <p>Thread-safe: immutable; every read opens its own file.
 */
public final class ImageNetFolder {

    /** torchvision's {@code IMG_EXTENSIONS}. */
    static final List<String> EXTENSIONS =
            List.of(".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp");

    private final List<Path> samples;

    private ImageNetFolder(List<Path> samples) {
        this.samples = List.copyOf(samples);
    }

    /**
     * Lists {@code <root>/val}.
     *
     * @throws EvalDataException when the folder is missing or holds no image
     */
    public static ImageNetFolder open(Path root) {
        Path val = root.resolve("val");
        if (!Files.isDirectory(val)) {
            throw new EvalDataException(
                    "not an ImageNet folder: " + val + " does not exist (expected <root>/val/<class>/*.JPEG)");
        }
        List<Path> samples = new ArrayList<>();
        try (Stream<Path> classes = Files.list(val)) {
            for (Path cls : classes.filter(Files::isDirectory).sorted(byName()).toList()) {
                samples.addAll(imagesUnder(cls));
            }
        } catch (IOException e) {
            throw new EvalDataException("cannot list " + val + ": " + e.getMessage(), e);
        }
        if (samples.isEmpty()) {
            throw new EvalDataException("no images under " + val);
        }
        return new ImageNetFolder(samples);
    }

    private static List<Path> imagesUnder(Path classDir) throws IOException {
        List<Path> dirs;
        try (Stream<Path> walk = Files.walk(classDir)) {
            dirs = walk.filter(Files::isDirectory)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
        List<Path> out = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(Files::isRegularFile)
                        .filter(ImageNetFolder::isImage)
                        .sorted(byName())
                        .forEach(out::add);
            }
        }
        return out;
    }

    private static Comparator<Path> byName() {
        return Comparator.comparing(p -> p.getFileName().toString());
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    public int size() {
        return samples.size();
    }

    /** The path of sample {@code index}. */
    public Path path(int index) {
        return samples.get(index);
    }

    /** Sample {@code index} decoded as RGB (Pillow's {@code convert('RGB')}). */
    public RgbImage load(int index) {
        Path file = samples.get(index);
        try {
            return new ImageDecoder().decode(Files.readAllBytes(file));
        } catch (IOException | ImageDecodeException e) {
            throw new EvalDataException("cannot read image " + file + ": " + e.getMessage(), e);
        }
    }
}

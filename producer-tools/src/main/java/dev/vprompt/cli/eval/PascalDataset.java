package dev.vprompt.cli.eval;

import dev.vprompt.engine.image.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A Pascal-5i folder as the official evaluation reads it: images {@code JPEGImages/<name>.jpg}, class maps
 * {@code SegmentationClassAug/<name>.png} (one byte per pixel: 0 background, 1..20 the classes, 255 void; palette or
 * grayscale PNG), under {@code <root>/VOCdevkit/VOC2012/} or directly under {@code <root>}; and the official fold
 * lists {@code fold0.txt .. fold3.txt} of the val split (lines {@code <name>__<class>}), by default from
 * {@code <root>/splits/pascal/val} (the layout of the official repository's {@code evaluate/splits}) or
 * {@code <root>/splits/val}.
 *
 * <p>Thread-safe: immutable; every read opens its own file.
 */
public final class PascalDataset {

    /** Number of Pascal VOC classes. */
    public static final int CLASSES = 20;

    /** Number of Pascal-5i folds. */
    public static final int FOLDS = 4;

    private final Path images;
    private final Path masks;
    private final Path splits;

    private PascalDataset(Path images, Path masks, Path splits) {
        this.images = images;
        this.masks = masks;
        this.splits = splits;
    }

    /**
     * Finds the folders under {@code root}.
     *
     * @param splits the folder holding {@code fold<k>.txt}, or null to look under {@code root}
     * @throws EvalDataException naming every place looked at when a folder is missing
     */
    public static PascalDataset open(Path root, Path splits) {
        List<Path> bases = List.of(root.resolve("VOCdevkit").resolve("VOC2012"), root);
        Path images = first(bases, "JPEGImages");
        Path masks = first(bases, "SegmentationClassAug", "SegmentationClass");
        Path folds = splits != null
                ? splits
                : first(List.of(root.resolve("splits").resolve("pascal"), root.resolve("splits")), "val");
        List<String> missing = new ArrayList<>();
        if (images == null) {
            missing.add("JPEGImages/ (looked in " + bases + ")");
        }
        if (masks == null) {
            missing.add("SegmentationClassAug/ or SegmentationClass/ (looked in " + bases + ")");
        }
        if (folds == null || !Files.isDirectory(folds)) {
            missing.add("the fold lists folder "
                    + (splits != null
                            ? splits
                            : root.resolve("splits/pascal/val") + " or " + root.resolve("splits/val"))
                    + " (pass --splits DIR: the official evaluate/splits/pascal/val)");
        }
        if (!missing.isEmpty()) {
            throw new EvalDataException("not a Pascal-5i folder: " + root + " lacks " + String.join("; ", missing));
        }
        return new PascalDataset(images, masks, folds);
    }

    private static Path first(List<Path> bases, String... names) {
        for (Path base : bases) {
            for (String name : names) {
                if (Files.isDirectory(base.resolve(name))) {
                    return base.resolve(name);
                }
            }
        }
        return null;
    }

    /** The val entries of fold {@code fold}, in file order. */
    public List<PascalEntry> fold(int fold) {
        if (fold < 0 || fold >= FOLDS) {
            throw new IllegalArgumentException("fold must be within 0.." + (FOLDS - 1) + ", was " + fold);
        }
        Path file = splits.resolve("fold" + fold + ".txt");
        try {
            List<PascalEntry> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(PascalEntry.parse(line.trim()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new EvalDataException("cannot read fold list " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new EvalDataException(file + ": " + e.getMessage(), e);
        }
    }

    /** The encoded image file of {@code name}, as stored. */
    public byte[] imageBytes(String name) {
        return EvalDataException.readImage(images.resolve(name + ".jpg"));
    }

    /**
     * The binary mask of class {@code classId} (0-based) in {@code name}: white where the class map holds
     * {@code classId + 1}, black elsewhere (void included), as the official {@code extract_ignore_idx} makes it.
     */
    public RgbImage binaryMask(String name, int classId) {
        Path file = masks.resolve(name + ".png");
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new EvalDataException("cannot read class map " + file + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new EvalDataException("not a PNG image: " + file);
        }
        Raster raster = image.getRaster();
        if (raster.getNumBands() != 1) {
            throw new EvalDataException("class map " + file + " must be a palette or grayscale PNG, has "
                    + raster.getNumBands() + " bands");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] px = new byte[3 * w * h];
        int target = classId + 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (raster.getSample(x, y, 0) == target) {
                    int i = 3 * (y * w + x);
                    px[i] = (byte) 255;
                    px[i + 1] = (byte) 255;
                    px[i + 2] = (byte) 255;
                }
            }
        }
        return new RgbImage(w, h, px);
    }
}

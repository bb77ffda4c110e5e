package dev.vprompt.cli.eval;

import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.training.scenes.ProceduralScenes;
import dev.vprompt.training.scenes.Scene;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a small data set in the Pascal-5i layout ({@link PascalDataset}) from {@link ProceduralScenes}, so the
 * evaluation can run where the real one is absent: {@code VOCdevkit/VOC2012/JPEGImages/*.jpg},
 * {@code VOCdevkit/VOC2012/SegmentationClassAug/*.png} (grayscale class maps with a void boundary) and
 * {@code splits/pascal/val/fold0..3.txt}. Every class gets {@code perClass} pictures; a third of them also show a
 * distractor of another class, listed under that class too when it is in the same fold and visible.
 *
 * <p>Thread-safe: stateless.
 */
public final class PascalGenerator {

    private static final int CLASSES_PER_FOLD = PascalDataset.CLASSES / PascalDataset.FOLDS;
    private static final float JPEG_QUALITY = 0.92f;

    private PascalGenerator() {}

    /** Writes the data set under {@code root} and returns {@code root}. */
    public static Path write(Path root, int perClass, long seed) throws IOException {
        if (perClass < 2) {
            throw new IllegalArgumentException(
                    "perClass must be >= 2 (a support other than the query), was " + perClass);
        }
        Path base = root.resolve("VOCdevkit").resolve("VOC2012");
        Path images = Files.createDirectories(base.resolve("JPEGImages"));
        Path masks = Files.createDirectories(base.resolve("SegmentationClassAug"));
        Path splits =
                Files.createDirectories(root.resolve("splits").resolve("pascal").resolve("val"));
        List<List<String>> folds = new ArrayList<>();
        for (int f = 0; f < PascalDataset.FOLDS; f++) {
            folds.add(new ArrayList<>());
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 0;
        for (int i = 0; i < perClass; i++) {
            for (int cls = 0; cls < PascalDataset.CLASSES; cls++) {
                String name = String.format(Locale.ROOT, "gen_%06d", n++);
                int w = 96 + rnd.nextInt(97);
                int h = 80 + rnd.nextInt(81);
                Scene scene = ProceduralScenes.render(w, h, cls, rnd.nextInt(3) == 0, rnd);
                Files.write(images.resolve(name + ".jpg"), jpeg(scene.photo()));
                Files.write(masks.resolve(name + ".png"), PngCodec.encodeGray(classMap(scene)));
                for (int c : classesIn(scene)) {
                    folds.get(c / CLASSES_PER_FOLD).add(new PascalEntry(name, c).line());
                }
            }
        }
        for (int f = 0; f < PascalDataset.FOLDS; f++) {
            Files.writeString(
                    splits.resolve("fold" + f + ".txt"),
                    String.join("\n", folds.get(f)) + "\n",
                    StandardCharsets.UTF_8);
        }
        return root;
    }

    /** The classes visible in the scene's class map, 0-based, in ascending order. */
    static List<Integer> classesIn(Scene scene) {
        boolean[] seen = new boolean[PascalDataset.CLASSES + 1];
        for (byte b : scene.classIndex()) {
            int v = b & 0xFF;
            if (v >= 1 && v <= PascalDataset.CLASSES) {
                seen[v] = true;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int v = 1; v <= PascalDataset.CLASSES; v++) {
            if (seen[v]) {
                out.add(v - 1);
            }
        }
        return out;
    }

    private static RgbImage classMap(Scene scene) {
        byte[] idx = scene.classIndex();
        byte[] px = new byte[3 * idx.length];
        for (int i = 0; i < idx.length; i++) {
            px[3 * i] = idx[i];
            px[3 * i + 1] = idx[i];
            px[3 * i + 2] = idx[i];
        }
        return new RgbImage(scene.photo().width(), scene.photo().height(), px);
    }

    static byte[] jpeg(RgbImage image) throws IOException {
        BufferedImage bi = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                bi.setRGB(x, y, (image.get(x, y, 0) << 16) | (image.get(x, y, 1) << 8) | image.get(x, y, 2));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(bi, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}

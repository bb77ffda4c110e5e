package dev.vprompt.cli.eval;

import dev.vprompt.engine.post.Box;
import dev.vprompt.training.scenes.ProceduralScenes;
import dev.vprompt.training.scenes.Scene;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Writes a small data set in the Pascal VOC detection layout ({@link VocDetectionSet}) from {@link ProceduralScenes},
 * so the detection evaluation can run where VOC is absent: {@code VOCdevkit/VOC2012/JPEGImages/*.jpg},
 * {@code Annotations/*.xml} (VOC's 1-based inclusive boxes) and {@code ImageSets/Main/train.txt} / {@code val.txt}.
 * Every class gets {@code perClass} pictures, alternately listed in train and val. Every object covers less than 20%
 * of its picture and train pictures show one object, so they all pass the official filter and every class has a
 * support; half of the val pictures also show a distractor of another class and are annotated with both objects, so the filter drops them.
 *
 * <p>Thread-safe: stateless.
 */
public final class VocGenerator {

    private VocGenerator() {}

    /** Writes the data set under {@code root} and returns {@code root}. */
    public static Path write(Path root, int perClass, long seed) throws IOException {
        if (perClass < 2) {
            throw new IllegalArgumentException("perClass must be >= 2 (a train and a val picture), was " + perClass);
        }
        Path base = root.resolve("VOCdevkit").resolve("VOC2012");
        Path images = Files.createDirectories(base.resolve("JPEGImages"));
        Path annotations = Files.createDirectories(base.resolve("Annotations"));
        Path lists = Files.createDirectories(base.resolve("ImageSets").resolve("Main"));
        List<String> train = new ArrayList<>();
        List<String> val = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 0;
        for (int i = 0; i < perClass; i++) {
            for (int cls = 0; cls < ProceduralScenes.CLASS_COUNT; cls++) {
                String name = String.format(Locale.ROOT, "2012_%06d", n++);
                boolean isTrain = i % 2 == 0;
                int w;
                int h;
                Scene scene;
                List<String> objects;
                do { // objects under 20% of the picture; train pictures single too, so every class has a support
                    w = 200 + rnd.nextInt(121);
                    h = 160 + rnd.nextInt(121);
                    scene = ProceduralScenes.render(w, h, cls, !isTrain && rnd.nextInt(2) == 0, rnd);
                    objects = new ArrayList<>();
                    objects.add(object(cls, scene.box()));
                    Optional<Labelled> distractor = distractorBox(scene);
                    if (distractor.isPresent()) {
                        objects.add(object(
                                distractor.get().classId(), distractor.get().box()));
                    }
                } while (scene.box().area() >= 0.2 * w * h || (isTrain && objects.size() > 1));
                Files.write(images.resolve(name + ".jpg"), PascalGenerator.jpeg(scene.photo()));
                Files.writeString(annotations.resolve(name + ".xml"), annotation(name, w, h, objects));
                (isTrain ? train : val).add(name);
            }
        }
        Files.writeString(lists.resolve("train.txt"), String.join("\n", train) + "\n", StandardCharsets.UTF_8);
        Files.writeString(lists.resolve("val.txt"), String.join("\n", val) + "\n", StandardCharsets.UTF_8);
        return root;
    }

    private record Labelled(int classId, Box box) {}

    /** The visible distractor's class and bounding box, from the class map. */
    private static Optional<Labelled> distractorBox(Scene scene) {
        int w = scene.photo().width();
        byte[] classes = scene.classIndex();
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        int classId = -1;
        for (int i = 0; i < classes.length; i++) {
            int v = classes[i] & 0xFF;
            if (v != 0 && v != ProceduralScenes.VOID && v != scene.classId() + 1) {
                classId = v - 1;
                x0 = Math.min(x0, i % w);
                x1 = Math.max(x1, i % w);
                y0 = Math.min(y0, i / w);
                y1 = Math.max(y1, i / w);
            }
        }
        return classId < 0 ? Optional.empty() : Optional.of(new Labelled(classId, Box.ofInclusive(x0, y0, x1, y1)));
    }

    private static String object(int classId, Box box) {
        return String.format(
                Locale.ROOT,
                "  <object>\n    <name>%s</name>\n    <pose>Unspecified</pose>\n    <truncated>0</truncated>\n"
                        + "    <difficult>0</difficult>\n    <bndbox>\n      <xmin>%d</xmin>\n      <ymin>%d</ymin>\n"
                        + "      <xmax>%d</xmax>\n      <ymax>%d</ymax>\n    </bndbox>\n  </object>\n",
                VocDetectionSet.CLASS_NAMES.get(classId),
                box.x() + 1,
                box.y() + 1,
                box.x() + box.width(),
                box.y() + box.height());
    }

    private static String annotation(String name, int w, int h, List<String> objects) {
        return "<annotation>\n  <folder>VOC2012</folder>\n  <filename>" + name + ".jpg</filename>\n  <size>\n"
                + "    <width>" + w + "</width>\n    <height>" + h + "</height>\n    <depth>3</depth>\n  </size>\n"
                + "  <segmented>0</segmented>\n" + String.join("", objects) + "</annotation>\n";
    }
}

package dev.vprompt.cli.eval;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A Pascal VOC 2012 detection folder as the official single-object detection evaluation reads it
 * ({@code evaluate_detection/voc_orig.py}): {@code Annotations/<name>.xml}, {@code JPEGImages/<name>.jpg} and the
 * split lists {@code ImageSets/Main/train.txt} / {@code val.txt}, under {@code <root>/VOCdevkit/VOC2012/} or directly
 * under {@code <root>}.
 *
 * <p>A split keeps, in list order, only the images the official code keeps: exactly one annotated object
 * ("difficult" ones count), and that object's box covering less than {@value #MAX_OBJECT_FRACTION} of the image
 * ({@code (xmax - xmin + 1) * (ymax - ymin + 1) / (width * height)}).
 *
 * <p>Annotations are parsed with DTDs and external entities refused. Thread-safe: immutable; every read opens its
 * own file.
 */
public final class VocDetectionSet {

    /** The VOC classes in the official order; a class id is an index into this list. */
    public static final List<String> CLASS_NAMES = List.of(
            "aeroplane",
            "bicycle",
            "bird",
            "boat",
            "bottle",
            "bus",
            "car",
            "cat",
            "chair",
            "cow",
            "diningtable",
            "dog",
            "horse",
            "motorbike",
            "person",
            "pottedplant",
            "sheep",
            "sofa",
            "train",
            "tvmonitor");

    /** The official filter keeps objects smaller than this fraction of their image. */
    public static final double MAX_OBJECT_FRACTION = 0.2;

    private final Path images;
    private final Path annotations;
    private final Path lists;

    private VocDetectionSet(Path images, Path annotations, Path lists) {
        this.images = images;
        this.annotations = annotations;
        this.lists = lists;
    }

    /**
     * Finds the folders under {@code root}.
     *
     * @throws EvalDataException naming what is missing and where it was looked for
     */
    public static VocDetectionSet open(Path root) {
        for (Path base : List.of(root.resolve("VOCdevkit").resolve("VOC2012"), root)) {
            Path lists = base.resolve("ImageSets").resolve("Main");
            if (Files.isDirectory(base.resolve("Annotations")) && Files.isDirectory(lists)) {
                if (!Files.isDirectory(base.resolve("JPEGImages"))) {
                    throw new EvalDataException("not a VOC detection folder: " + base + " lacks JPEGImages/");
                }
                return new VocDetectionSet(base.resolve("JPEGImages"), base.resolve("Annotations"), lists);
            }
        }
        throw new EvalDataException("not a VOC detection folder: neither " + root.resolve("VOCdevkit/VOC2012") + " nor "
                + root + " holds Annotations/ and ImageSets/Main/");
    }

    /** The images of split {@code split} ({@code train} or {@code val}) that the official filter keeps. */
    public List<VocImage> split(String split) {
        Path list = lists.resolve(split + ".txt");
        List<String> names;
        try {
            names = Files.readAllLines(list, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EvalDataException("cannot read split list " + list + ": " + e.getMessage(), e);
        }
        List<VocImage> out = new ArrayList<>();
        for (String line : names) {
            String name = line.strip();
            if (name.isEmpty()) {
                continue;
            }
            VocImage image = annotation(name);
            if (keptByOfficialFilter(image)) {
                out.add(image);
            }
        }
        return out;
    }

    /** The parsed annotation of {@code name}. */
    public VocImage annotation(String name) {
        Path file = annotations.resolve(name + ".xml");
        try {
            return parse(name, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new EvalDataException("cannot read annotation " + file + ": " + e.getMessage(), e);
        } catch (EvalDataException e) {
            throw new EvalDataException(file + ": " + e.getMessage(), e);
        }
    }

    /** The encoded image file of {@code name}, as stored. */
    public byte[] imageBytes(String name) {
        return EvalDataException.readImage(images.resolve(name + ".jpg"));
    }

    /** One object, covering less than {@link #MAX_OBJECT_FRACTION} of the image. */
    public static boolean keptByOfficialFilter(VocImage image) {
        if (image.objects().size() != 1) {
            return false;
        }
        double imageArea = (double) image.width() * image.height();
        return image.objects().get(0).area() / imageArea < MAX_OBJECT_FRACTION;
    }

    /** Parses a VOC annotation document. */
    static VocImage parse(String name, byte[] xml) {
        Element root = document(xml).getDocumentElement();
        if (!root.getTagName().equals("annotation")) {
            throw new EvalDataException("the root element is <" + root.getTagName() + ">, not <annotation>");
        }
        Element size = child(root, "size");
        int width = (int) number(size, "width");
        int height = (int) number(size, "height");
        if (width <= 0 || height <= 0) {
            throw new EvalDataException("image size must be positive, was " + width + "x" + height);
        }
        List<VocObject> objects = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("object")) {
                String cls = text(child(e, "name"));
                int classId = CLASS_NAMES.indexOf(cls);
                if (classId < 0) {
                    throw new EvalDataException("unknown class '" + cls + "'");
                }
                Element box = child(e, "bndbox");
                objects.add(new VocObject(
                        classId,
                        number(box, "xmin") - 1,
                        number(box, "ymin") - 1,
                        number(box, "xmax"),
                        number(box, "ymax")));
            }
        }
        return new VocImage(name, width, height, objects);
    }

    private static Document document(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required feature", e);
        } catch (SAXException | IOException e) {
            throw new EvalDataException("malformed annotation XML: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        throw new EvalDataException("<" + parent.getTagName() + "> lacks <" + tag + ">");
    }

    private static double number(Element parent, String tag) {
        String text = text(child(parent, tag));
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException("not finite");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new EvalDataException("<" + tag + "> is not a number: '" + text + "'", e);
        }
    }

    private static String text(Element e) {
        return e.getTextContent().strip();
    }
}

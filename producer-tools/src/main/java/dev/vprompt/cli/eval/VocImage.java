package dev.vprompt.cli.eval;

import java.util.List;

/**
 * One image of a Pascal VOC detection split with its annotated objects.
 *
 * @param name the file stem ({@code 2008_000123})
 * @param width width from the annotation's {@code size}
 * @param height height from the annotation's {@code size}
 * @param objects the annotated objects in file order
 */
public record VocImage(String name, int width, int height, List<VocObject> objects) {

    public VocImage {
        objects = List.copyOf(objects);
    }

    /** The class ids of the objects, in file order (repeated when a class shows several times). */
    public List<Integer> labels() {
        return objects.stream().map(VocObject::classId).toList();
    }

    /** The objects of class {@code classId}. */
    public List<VocObject> objectsOf(int classId) {
        return objects.stream().filter(o -> o.classId() == classId).toList();
    }
}

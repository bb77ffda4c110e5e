package dev.vprompt.training.scenes;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.post.Box;

/**
 * One procedural picture with its annotations.
 *
 * @param photo the picture: a textured background with one object of {@code classId} (and maybe a distractor)
 * @param mask the object's binary mask, white on black, at the photo's size
 * @param classIndex Pascal-style class map, one byte per pixel: 0 background, {@code classId + 1} the object,
 *     another class's value for the distractor, 255 on the object's one-pixel outer boundary ("void")
 * @param box the object's bounding box in photo pixels
 * @param classId the object's class, 0-based
 */
public record Scene(RgbImage photo, RgbImage mask, byte[] classIndex, Box box, int classId) {

    /** The filled bounding box, white on black, at the photo's size (the detection label). */
    public RgbImage boxMask() {
        byte[] px = new byte[3 * photo.width() * photo.height()];
        for (int y = box.y(); y < box.y() + box.height(); y++) {
            for (int x = box.x(); x < box.x() + box.width(); x++) {
                int i = 3 * (y * photo.width() + x);
                px[i] = (byte) 255;
                px[i + 1] = (byte) 255;
                px[i + 2] = (byte) 255;
            }
        }
        return new RgbImage(photo.width(), photo.height(), px);
    }
}

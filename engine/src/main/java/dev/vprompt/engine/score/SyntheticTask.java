package dev.vprompt.engine.score;

import dev.vprompt.engine.post.RgbColor;
import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic reasoning tasks of {@code evaluate_reasoning.py} and the colour options ({@code color_options()})
 * their datasets declare, in the official order (the order decides snapping ties).
 */
public enum SyntheticTask {
    /** {@code color}: ColorChangeTask. */
    COLOR(List.of(RgbColor.BLUE, RgbColor.GREEN, RgbColor.WHITE)),
    /** {@code size}: SizeChangeTask. */
    SIZE(List.of(RgbColor.BLUE, RgbColor.GREEN, RgbColor.WHITE)),
    /** {@code shape}: ShapeChangeTask. */
    SHAPE(List.of(RgbColor.GREEN, RgbColor.WHITE)),
    /** {@code size_color}: ChangeSizeColorTask. */
    SIZE_COLOR(List.of(RgbColor.GREEN, RgbColor.BLUE, RgbColor.WHITE)),
    /** {@code size_shape}: ChangeSizeShapeTask. */
    SIZE_SHAPE(List.of(RgbColor.GREEN, RgbColor.WHITE)),
    /** {@code shape_color}: ChangeShapeColorTask. */
    SHAPE_COLOR(List.of(RgbColor.GREEN, RgbColor.BLUE, RgbColor.WHITE));

    private final List<RgbColor> colorOptions;

    SyntheticTask(List<RgbColor> colorOptions) {
        this.colorOptions = colorOptions;
    }

    /** The dataset's colour options. */
    public List<RgbColor> colorOptions() {
        return colorOptions;
    }

    /** The palette both images are snapped to: the colour options followed by BLACK. */
    public List<RgbColor> palette() {
        return palette(colorOptions);
    }

    static List<RgbColor> palette(List<RgbColor> colorOptions) {
        List<RgbColor> palette = new ArrayList<>(colorOptions);
        palette.add(RgbColor.BLACK);
        return List.copyOf(palette);
    }
}

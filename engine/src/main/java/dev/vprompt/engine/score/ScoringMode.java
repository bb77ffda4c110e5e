package dev.vprompt.engine.score;

import dev.vprompt.engine.post.ColorRounding;

/** Which colour snapping a score uses before comparing colours. */
public enum ScoringMode {
    /**
     * Reproduces the official evaluation exactly, including the uint8 wrap-around of {@code round_image} (see
     * {@link ColorRounding#OFFICIAL_UINT8}) applied to target and prediction alike. Use it to compare with published
     * numbers.
     */
    OFFICIAL(ColorRounding.OFFICIAL_UINT8),
    /** Snaps every pixel to its truly nearest palette colour (int arithmetic). Use it to judge answers. */
    EXACT(ColorRounding.NEAREST);

    private final ColorRounding rounding;

    ScoringMode(ColorRounding rounding) {
        this.rounding = rounding;
    }

    /** The colour snapping of this mode. */
    public ColorRounding rounding() {
        return rounding;
    }
}

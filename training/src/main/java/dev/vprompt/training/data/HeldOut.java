package dev.vprompt.training.data;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.score.SyntheticTask;
import dev.vprompt.training.scenes.SyntheticEpisodes;
import dev.vprompt.training.scenes.SyntheticPairs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;

/**
 * What the training data must never contain: the geometries of every pair of the official synthetic episodes for
 * numpy seeds {@code 0 .. seeds-1} ({@code vp eval --dataset synthetic --seed S}, {@value #DEFAULT_EPISODES} episodes
 * each, all six tasks), reserved by centre and input radius whatever the task, and any picture added with
 * {@link #withPictures} (the demo's), by fingerprint. The generator draws again whenever it hits either.
 *
 * <p>Immutable after construction; thread-safe.
 */
public final class HeldOut {

    /** numpy seeds of the synthetic evaluation held out by default: 0 (the official seed) to 9. */
    public static final int DEFAULT_SEEDS = 10;
    /** Episodes per task and seed held out by default (the official count). */
    public static final int DEFAULT_EPISODES = 100;

    private final Set<Long> geometries;
    private final Set<Long> pictures;
    private final int seeds;
    private final int episodes;

    private HeldOut(Set<Long> geometries, Set<Long> pictures, int seeds, int episodes) {
        this.geometries = geometries;
        this.pictures = pictures;
        this.seeds = seeds;
        this.episodes = episodes;
    }

    /** The official synthetic episodes of numpy seeds {@code 0 .. seeds-1}, {@code episodes} per task. */
    public static HeldOut officialSynthetic(int seeds, int episodes) {
        Set<Long> g = new HashSet<>();
        for (int seed = 0; seed < seeds; seed++) {
            for (SyntheticTask task : SyntheticTask.values()) {
                for (SyntheticEpisodes.Draw d : SyntheticEpisodes.draws(task, episodes, seed)) {
                    g.add(key(d.query()));
                    d.supports().forEach(s -> g.add(key(s)));
                }
            }
        }
        return new HeldOut(Set.copyOf(g), Set.of(), seeds, episodes);
    }

    /** The default: {@value #DEFAULT_SEEDS} seeds of {@value #DEFAULT_EPISODES} episodes. */
    public static HeldOut defaults() {
        return officialSynthetic(DEFAULT_SEEDS, DEFAULT_EPISODES);
    }

    /** This set plus {@code more} pictures. */
    public HeldOut withPictures(Iterable<RgbImage> more) {
        Set<Long> p = new HashSet<>(pictures);
        for (RgbImage image : more) {
            p.add(fingerprint(image));
        }
        return new HeldOut(geometries, Set.copyOf(p), seeds, episodes);
    }

    /** Whether a synthetic pair with this geometry (centre and input radius, any task) is held out. */
    public boolean reserves(SyntheticPairs.Geometry g) {
        return geometries.contains(key(g));
    }

    /** Whether this exact picture is held out. */
    public boolean reserves(RgbImage picture) {
        return !pictures.isEmpty() && pictures.contains(fingerprint(picture));
    }

    /** Number of held-out synthetic geometries and pictures, for logs. */
    public String describe() {
        return geometries.size() + " synthetic geometries (numpy seeds 0-" + (seeds - 1) + ", " + episodes
                + " episodes per task) and " + pictures.size() + " pictures";
    }

    private static long key(SyntheticPairs.Geometry g) {
        return ((long) g.cx() << 32) | ((long) g.cy() << 16) | g.radius();
    }

    /** A 64-bit fingerprint of a picture's size and pixels. */
    static long fingerprint(RgbImage image) {
        ByteBuffer b = ByteBuffer.wrap(image.pixels()).order(ByteOrder.LITTLE_ENDIAN);
        long h = 0x9E3779B97F4A7C15L ^ ((long) image.width() << 32 | image.height());
        while (b.remaining() >= 8) {
            h = Long.rotateLeft(h ^ (b.getLong() * 0xC2B2AE3D27D4EB4FL), 31) * 0x9E3779B97F4A7C15L;
        }
        while (b.hasRemaining()) {
            h = (h ^ b.get()) * 0x100000001B3L;
        }
        return h ^ (h >>> 29);
    }
}

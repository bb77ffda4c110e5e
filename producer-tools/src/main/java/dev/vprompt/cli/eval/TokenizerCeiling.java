package dev.vprompt.cli.eval;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.post.RgbColor;
import dev.vprompt.engine.score.SyntheticTask;
import dev.vprompt.training.tokenizer.Tokenizer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The official synthetic metric of the tokenizer's own reconstruction of each episode's true canvas: every patch
 * coded as the tokenizer codes it and decoded as the served model decodes tokens. An MAE that predicted every token
 * of the truth exactly would score this, so it is the ceiling a model on this tokenizer can reach on {@code vp eval
 * --dataset synthetic}, and it says whether a miss is the MAE's or the codebook's.
 *
 * <p>Thread-safe as its {@link Reconstruction} is: stateless itself.
 */
public final class TokenizerCeiling {

    /** Canvases coded per tokenizer call. */
    private static final int BATCH = 8;

    /** Canvases through a code: {@code n} uint8 HWC 224x224 canvases end to end in, as many out. */
    @FunctionalInterface
    public interface Reconstruction {
        byte[] apply(ByteBuffer canvases, int n);
    }

    private TokenizerCeiling() {}

    /** The tokenizer's codes decoded as the served model decodes tokens. */
    public static Reconstruction through(Tokenizer tokenizer) {
        return (canvases, n) -> tokenizer.decode(tokenizer.encode(canvases, n), n);
    }

    /** Side of the flat square each colour is probed with (4x4 patches, centred on the patch grid). */
    static final int PROBE_SIDE = 64;

    /**
     * What the code makes of the colours the official scoring snaps to (the synthetic tasks' green and blue and the
     * black canvas, the purple/yellow segmentation variant's two colours) and of red: a flat square of the colour on a
     * white canvas goes through the code, and the result is the decoded colour at the square's centre. A code that
     * scores low on the synthetic tasks while reproducing these colours loses the figures' shapes; one that returns the
     * same colour for several of them cannot tell the tasks' answers apart whatever the MAE predicts.
     */
    public static Map<RgbColor, RgbColor> paletteProbe(Reconstruction code) {
        List<RgbColor> palette =
                List.of(RgbColor.RED, RgbColor.GREEN, RgbColor.BLUE, RgbColor.BLACK, RgbColor.PURPLE, RgbColor.YELLOW);
        int side = Canvas.SIZE;
        int pixels = 3 * side * side;
        ByteBuffer batch = ByteBuffer.allocate(palette.size() * pixels);
        int from = (side - PROBE_SIDE) / 2 / 16 * 16;
        for (RgbColor c : palette) {
            byte[] px = new byte[pixels];
            Arrays.fill(px, (byte) 255);
            for (int y = from; y < from + PROBE_SIDE; y++) {
                for (int x = from; x < from + PROBE_SIDE; x++) {
                    int p = 3 * (y * side + x);
                    px[p] = (byte) c.r();
                    px[p + 1] = (byte) c.g();
                    px[p + 2] = (byte) c.b();
                }
            }
            batch.put(px);
        }
        batch.flip();
        byte[] decoded = code.apply(batch, palette.size());
        Map<RgbColor, RgbColor> out = new LinkedHashMap<>();
        int centre = 3 * ((from + PROBE_SIDE / 2) * side + from + PROBE_SIDE / 2);
        for (int i = 0; i < palette.size(); i++) {
            int p = i * pixels + centre;
            out.put(palette.get(i), new RgbColor(decoded[p] & 0xFF, decoded[p + 1] & 0xFF, decoded[p + 2] & 0xFF));
        }
        return out;
    }

    /**
     * Mean IoU, colour-blind IoU and accuracy of the official synthetic metric over {@code episodes} episodes of
     * {@code task} (numpy seed {@code seed}) when each true canvas goes through {@code code}.
     */
    public static Map<String, Double> score(Reconstruction code, SyntheticTask task, int episodes, long seed) {
        List<SyntheticEval.Episode> eps = SyntheticEval.sample(task, episodes, seed);
        Map<String, Double> sums = new LinkedHashMap<>();
        CanvasBuilder builder = new CanvasBuilder();
        int pixels = 3 * Canvas.SIZE * Canvas.SIZE;
        for (int start = 0; start < eps.size(); start += BATCH) {
            int n = Math.min(BATCH, eps.size() - start);
            ByteBuffer batch = ByteBuffer.allocate(n * pixels);
            for (int i = 0; i < n; i++) {
                SyntheticEval.Episode e = eps.get(start + i);
                batch.put(builder.grid3x2(e.supports(), e.query(), e.truth())
                        .image()
                        .pixels());
            }
            batch.flip();
            byte[] decoded = code.apply(batch, n);
            for (int i = 0; i < n; i++) {
                RgbImage reconstruction = new RgbImage(
                        Canvas.SIZE, Canvas.SIZE, Arrays.copyOfRange(decoded, i * pixels, (i + 1) * pixels));
                SyntheticEval.score(task, eps.get(start + i), reconstruction)
                        .forEach((metric, v) -> sums.merge(metric, v, Double::sum));
            }
        }
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((metric, v) -> means.put(metric, v / eps.size()));
        return means;
    }
}

package dev.vprompt.training.tokenizer;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.training.data.CanvasStore;
import java.nio.ByteBuffer;

/**
 * How well a tokenizer reproduces whole canvases through its codes: the mean absolute pixel error (0..255) over the
 * canvas and over the answer patches, and the share of answer pixels within 24 levels in every channel (what
 * palette snapping tolerates).
 *
 * @param meanError mean |decoded - original| over all pixels and channels
 * @param answerError the same over the answer patches only
 * @param answerClose share of answer pixels within 24 levels in all three channels
 */
public record ReconstructionScore(double meanError, double answerError, double answerClose) {

    private static final int CLOSE = 24;

    /** Scores canvases {@code first .. first+count-1} of the store, {@code batch} at a time. */
    public static ReconstructionScore of(Tokenizer tokenizer, CanvasStore store, int first, int count, int batch) {
        double all = 0;
        double answer = 0;
        long answerPixels = 0;
        long close = 0;
        int pixels = 3 * Canvas.SIZE * Canvas.SIZE;
        for (int start = first; start < first + count; start += batch) {
            int n = Math.min(batch, first + count - start);
            ByteBuffer buf = ByteBuffer.allocate(n * pixels);
            boolean[][] masks = new boolean[n][];
            for (int i = 0; i < n; i++) {
                CanvasStore.Entry e = store.read(start + i);
                buf.put(e.pixels());
                masks[i] = e.mask();
            }
            buf.flip();
            byte[] src = buf.array();
            byte[] dec = tokenizer.decode(tokenizer.encode(buf, n), n);
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < Canvas.SIZE * Canvas.SIZE; p++) {
                    int o = i * pixels + 3 * p;
                    int worst = 0;
                    int sum = 0;
                    for (int c = 0; c < 3; c++) {
                        int d = Math.abs((src[o + c] & 0xFF) - (dec[o + c] & 0xFF));
                        sum += d;
                        worst = Math.max(worst, d);
                    }
                    all += sum;
                    int patch = (p / Canvas.SIZE / 16) * 14 + (p % Canvas.SIZE) / 16;
                    if (masks[i][patch]) {
                        answer += sum;
                        answerPixels++;
                        if (worst <= CLOSE) {
                            close++;
                        }
                    }
                }
            }
        }
        return new ReconstructionScore(
                all / (3.0 * count * Canvas.SIZE * Canvas.SIZE),
                answerPixels == 0 ? 0 : answer / (3.0 * answerPixels),
                answerPixels == 0 ? 0 : (double) close / answerPixels);
    }
}

package dev.vprompt.training.loop;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * A one-line progress bar for a training stage: bar, percent, step, smoothed metrics (exponential moving averages),
 * samples per second and the time left. On a terminal the line is redrawn in place at most once a second; otherwise
 * (logs, CI) a full line is printed every {@value #LOG_INTERVAL_SECONDS} seconds.
 *
 * <p>Not thread-safe: confine to the training thread.
 */
public final class Progress {

    static final int LOG_INTERVAL_SECONDS = 30;
    private static final int WIDTH = 24;
    private static final double SMOOTHING = 0.05;

    private final String stage;
    private final PrintWriter out;
    private final boolean terminal;
    private final Map<String, Double> smoothed = new java.util.LinkedHashMap<>();
    private long lastPrint;
    private long samples;
    private final long start = System.nanoTime();

    public Progress(String stage, PrintWriter out, boolean terminal) {
        this.stage = stage;
        this.out = out;
        this.terminal = terminal;
    }

    /** Records one step of {@code batch} samples with its metrics, and redraws when due. */
    public void step(long step, long steps, double progress, int batch, Map<String, Double> metrics, Duration elapsed) {
        samples += batch;
        metrics.forEach((k, v) -> smoothed.merge(k, v, (old, now) -> old + SMOOTHING * (now - old)));
        long now = System.nanoTime();
        long interval = terminal ? 1_000_000_000L : LOG_INTERVAL_SECONDS * 1_000_000_000L;
        if (now - lastPrint >= interval || step == steps) {
            lastPrint = now;
            print(line(step, steps, progress, elapsed));
        }
    }

    /** Ends the bar with a final line. */
    public void finish(long step, long steps, double progress, Duration elapsed) {
        print(line(step, steps, progress, elapsed));
        if (terminal) {
            out.println();
        }
        out.flush();
    }

    /** The current smoothed value of a metric (NaN when never reported). */
    public double smoothed(String metric) {
        return smoothed.getOrDefault(metric, Double.NaN);
    }

    private void print(String line) {
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    String line(long step, long steps, double progress, Duration elapsed) {
        int filled = (int) Math.round(progress * WIDTH);
        StringBuilder sb = new StringBuilder(stage).append(" [");
        sb.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
        sb.append(String.format(Locale.ROOT, "%3.0f%% step %d/%d", progress * 100, step, steps));
        smoothed.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
        double seconds = (System.nanoTime() - start) / 1e9;
        sb.append(String.format(Locale.ROOT, " %.1f samples/s", seconds > 0 ? samples / seconds : 0));
        long left = progress > 0 ? (long) (elapsed.toSeconds() * (1 - progress) / progress) : 0;
        sb.append(String.format(Locale.ROOT, " %dm%02ds left", left / 60, left % 60));
        return sb.toString();
    }
}

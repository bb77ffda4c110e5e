package dev.vprompt.cli.console;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr: {@code [#########...........] 120/500 jobs  34.5/s  3.5s}. On a terminal it is redrawn in
 * place with {@code \r} (at most every {@value #REDRAW_MS} ms); otherwise (a log file, CI) it prints one line every
 * {@value #LINE_EVERY_MS} ms, so logs stay readable. {@link #finish()} prints the final state on its own line.
 *
 * <p>Thread-safe: every method is synchronized, so a watcher thread may update while another thread finishes.
 */
public final class Progress {

    static final long REDRAW_MS = 100;
    static final long LINE_EVERY_MS = 5_000;
    private static final int WIDTH = 24;

    private final PrintWriter err;
    private final String unit;
    private final long total;
    private final boolean interactive;
    private final boolean showRate;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long done;
    private String note = "";
    private long lastDrawNanos = Long.MIN_VALUE;
    private boolean finished;

    /**
     * @param unit what is counted, e.g. {@code jobs}
     * @param total the count at 100%; 0 or less when unknown (no bar, just the count)
     * @param interactive redraw in place (a terminal) or print lines (anything else)
     * @param showRate print {@code <done per second>/s}
     */
    public Progress(
            PrintWriter err, String unit, long total, boolean interactive, boolean showRate, LongSupplier nanoClock) {
        this.err = err;
        this.unit = unit;
        this.total = total;
        this.interactive = interactive;
        this.showRate = showRate;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /** A progress bar counting {@code unit} up to {@code total}, in place when the JVM has a terminal. */
    public static Progress start(PrintWriter err, String unit, long total) {
        return new Progress(err, unit, total, stderrIsTerminal(), true, System::nanoTime);
    }

    /** Whether to redraw in place: a console is attached (the best Java 17 can tell). */
    public static boolean stderrIsTerminal() {
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** One more done. */
    public synchronized void step() {
        update(done + 1);
    }

    /** Sets the count done and redraws if it is time. */
    public synchronized void update(long count) {
        done = count;
        maybeDraw();
    }

    /** Sets a short text shown after the counts (e.g. {@code 3 failed}) and redraws if it is time. */
    public synchronized void note(String text) {
        note = text == null ? "" : text;
        maybeDraw();
    }

    /** Draws the final state and ends the line. Idempotent. */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (interactive) {
            err.print("\r" + render() + "\n");
        } else {
            err.println(render());
        }
        err.flush();
    }

    private void maybeDraw() {
        if (finished) {
            return;
        }
        long now = nanoClock.getAsLong();
        long gapMs = interactive ? REDRAW_MS : LINE_EVERY_MS;
        if (lastDrawNanos != Long.MIN_VALUE && now - lastDrawNanos < gapMs * 1_000_000) {
            return;
        }
        if (lastDrawNanos == Long.MIN_VALUE && !interactive) {
            lastDrawNanos = now; // a log gets its first line after LINE_EVERY_MS, not on the first update
            return;
        }
        lastDrawNanos = now;
        if (interactive) {
            err.print("\r" + render() + "\u001b[K");
        } else {
            err.println(render());
        }
        err.flush();
    }

    /** The current line, without control characters. */
    synchronized String render() {
        StringBuilder sb = new StringBuilder();
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, Math.round(WIDTH * (double) done / total));
            sb.append('[')
                    .append("#".repeat(filled))
                    .append(".".repeat(WIDTH - filled))
                    .append("] ")
                    .append(done)
                    .append('/')
                    .append(total);
        } else {
            sb.append(done);
        }
        sb.append(' ').append(unit);
        double seconds = Math.max(1e-9, (nanoClock.getAsLong() - startNanos) / 1e9);
        if (showRate) {
            sb.append(String.format(Locale.ROOT, "  %.1f/s", done / seconds));
        }
        sb.append(String.format(Locale.ROOT, "  %.1fs", seconds));
        if (!note.isEmpty()) {
            sb.append("  ").append(note);
        }
        return sb.toString();
    }
}

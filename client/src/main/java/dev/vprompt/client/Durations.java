package dev.vprompt.client;

import java.time.Duration;
import java.util.Locale;

/**
 * Parses the durations users type: {@code 250ms}, {@code 5s}, {@code 1.5s}, {@code 2m}, {@code 1h}, or ISO-8601
 * ({@code PT5S}). A bare number is seconds. Also formats them back for messages.
 *
 * <p>Thread-safe (stateless).
 */
public final class Durations {

    private Durations() {}

    /**
     * @throws IllegalArgumentException when {@code text} is not a duration
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(number(t, 2)));
            }
            if (t.endsWith("s")) {
                return millis(Double.parseDouble(number(t, 1)) * 1_000);
            }
            if (t.endsWith("m")) {
                return millis(Double.parseDouble(number(t, 1)) * 60_000);
            }
            if (t.endsWith("h")) {
                return millis(Double.parseDouble(number(t, 1)) * 3_600_000);
            }
            return millis(Double.parseDouble(t) * 1_000);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 500ms, 30s, 5m, 1h)");
        }
    }

    /** {@code 1.5s}, {@code 250ms}, {@code 2m05s}-free short form for humans. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1_000) {
            return ms + "ms";
        }
        if (ms < 120_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%dm%02ds", ms / 60_000, (ms / 1000) % 60);
    }

    private static String number(String t, int suffix) {
        return t.substring(0, t.length() - suffix).trim();
    }

    private static Duration millis(double ms) {
        if (ms < 0 || Double.isNaN(ms) || Double.isInfinite(ms)) {
            throw new IllegalArgumentException("negative");
        }
        return Duration.ofMillis(Math.round(ms));
    }
}

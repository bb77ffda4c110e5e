package dev.vprompt.cli.train;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The lines a training stage prints around its run: the machine load when it starts and ends (other processes on the
 * machine change the times), and durations as minutes and seconds.
 *
 * <p>Thread-safe: stateless.
 */
final class StageReport {

    private StageReport() {}

    /** The 1, 5 and 15 minute load averages, e.g. {@code 1.92 1.80 1.41}. */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return one < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", one);
        }
    }

    /** The stage's first line: {@code vp train <stage>: load average at start ...}. */
    static String started(String stage) {
        return "vp train " + stage + ": load average at start " + load();
    }

    /** The stage's last line: how long it took since {@code startedNanos} and the load at its end. */
    static String done(String stage, long startedNanos) {
        return "vp train " + stage + ": done in " + minutes(Duration.ofNanos(System.nanoTime() - startedNanos))
                + ", load average at end " + load();
    }

    static String minutes(Duration d) {
        return String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }
}

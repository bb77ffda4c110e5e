package dev.vprompt.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The system load average (1, 5 and 15 minutes) that every benchmark prints next to its figures, since other
 * processes on the machine change them. Thread-safe: stateless.
 */
final class LoadAverage {

    private static final Path PROC = Path.of("/proc/loadavg");

    private LoadAverage() {}

    /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or just the 1 minute one elsewhere. */
    static List<Double> now() {
        List<Double> out = new ArrayList<>();
        try {
            String[] fields = Files.readString(PROC).trim().split("\\s+");
            for (int i = 0; i < 3 && i < fields.length; i++) {
                out.add(Double.parseDouble(fields[i]));
            }
        } catch (IOException | RuntimeException e) {
            out.clear();
            double oneMinute = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            if (oneMinute >= 0) {
                out.add(oneMinute);
            }
        }
        return out;
    }

    /** {@code 1.23 0.98 0.75}, or {@code n/a}. */
    static String text(List<Double> load) {
        if (load.isEmpty()) {
            return "n/a";
        }
        StringBuilder b = new StringBuilder();
        for (double v : load) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.2f", v));
        }
        return b.toString();
    }
}

package dev.vprompt.cli.chaos;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads samples out of a Prometheus text exposition (a worker's {@code /metrics}): the value of a metric, summed over
 * the series whose labels include the given ones. Stateless and thread-safe.
 */
final class PromText {

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PromText() {}

    /** The sum of every sample of {@code metric} carrying {@code labels}; empty when there is none. */
    static OptionalDouble value(String text, String metric, Map<String, String> labels) {
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            int nameEnd = brace >= 0 && brace < space ? brace : space;
            if (nameEnd <= 0 || !line.substring(0, nameEnd).equals(metric)) {
                continue;
            }
            String rest = line.substring(nameEnd);
            Map<String, String> seen = new LinkedHashMap<>();
            if (rest.startsWith("{")) {
                int close = rest.lastIndexOf('}');
                Matcher m = LABEL.matcher(rest.substring(1, close));
                while (m.find()) {
                    seen.put(m.group(1), m.group(2));
                }
                rest = rest.substring(close + 1);
            }
            if (!seen.entrySet().containsAll(labels.entrySet())) {
                continue;
            }
            String[] fields = rest.trim().split("\\s+");
            sum += Double.parseDouble(fields[0]);
            found = true;
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    static OptionalDouble value(String text, String metric) {
        return value(text, metric, Map.of());
    }
}

package dev.vprompt.cli.chaos;

import dev.vprompt.cli.load.Percentiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The soak's arithmetic: memory drift, thread and NDArray growth of one worker after warm-up, and the p99 latency of
 * each minute. Times are milliseconds since the load started. Stateless and thread-safe.
 */
final class SoakFigures {

    /** What the sampler read from one worker at one moment. */
    record Sample(long atMillis, long rssBytes, double threads, double liveArrays) {}

    /**
     * One worker after warm-up.
     *
     * @param rssStart mean RSS over the first minute after warm-up
     * @param rssEnd mean RSS over the last minute
     * @param threadsStart most threads in the first half of the judged time
     * @param threadsEnd most threads in its second half (pools that fill up lazily, e.g. Vert.x's worker pool, are
     *     bounded and full by then; a leak keeps growing)
     * @param arraysMin fewest live NDArrays after warm-up
     * @param arraysMax most live NDArrays after warm-up
     */
    record Drift(
            double rssStart,
            double rssEnd,
            double threadsStart,
            double threadsEnd,
            double arraysMin,
            double arraysMax) {

        double rssDriftPercent() {
            return rssStart <= 0 ? 0 : (rssEnd - rssStart) / rssStart * 100;
        }
    }

    /** The p99 latency of the completions of one minute of the run. */
    record MinuteP99(int minute, int completions, long p99Millis) {}

    static final Duration WINDOW = Duration.ofMinutes(1);

    private SoakFigures() {}

    /**
     * @param samples one worker's samples, in time order
     * @param warmupEnd when the judged part begins
     * @param end when the load stopped
     * @return empty when no sample falls after warm-up
     */
    static java.util.Optional<Drift> drift(List<Sample> samples, long warmupEnd, long end) {
        List<Sample> judged = samples.stream()
                .filter(s -> s.atMillis() >= warmupEnd && s.atMillis() <= end)
                .toList();
        if (judged.isEmpty()) {
            return java.util.Optional.empty();
        }
        long window = WINDOW.toMillis();
        OptionalDouble start = judged.stream()
                .filter(s -> s.atMillis() < warmupEnd + window)
                .mapToLong(Sample::rssBytes)
                .average();
        OptionalDouble last = judged.stream()
                .filter(s -> s.atMillis() > end - window)
                .mapToLong(Sample::rssBytes)
                .average();
        double first = judged.get(0).rssBytes();
        double finalOne = judged.get(judged.size() - 1).rssBytes();
        long middle = warmupEnd + (end - warmupEnd) / 2;
        double threadsFirstHalf = judged.stream()
                .filter(s -> s.atMillis() < middle)
                .mapToDouble(Sample::threads)
                .max()
                .orElse(judged.get(0).threads());
        double threadsSecondHalf = judged.stream()
                .filter(s -> s.atMillis() >= middle)
                .mapToDouble(Sample::threads)
                .max()
                .orElse(threadsFirstHalf);
        return java.util.Optional.of(new Drift(
                start.orElse(first),
                last.orElse(finalOne),
                threadsFirstHalf,
                threadsSecondHalf,
                judged.stream().mapToDouble(Sample::liveArrays).min().orElse(0),
                judged.stream().mapToDouble(Sample::liveArrays).max().orElse(0)));
    }

    /**
     * @param completions {@code {completedAtMillis, latencyMillis}} pairs, any order
     * @param from first millisecond counted
     * @param to last millisecond counted
     * @return one entry per whole or partial minute from {@code from}, empty minutes included
     */
    static List<MinuteP99> p99PerMinute(List<long[]> completions, long from, long to) {
        long window = WINDOW.toMillis();
        int minutes = (int) Math.max(0, (to - from + window - 1) / window);
        List<List<Long>> buckets = new ArrayList<>();
        for (int i = 0; i < minutes; i++) {
            buckets.add(new ArrayList<>());
        }
        for (long[] c : completions) {
            if (c[0] >= from && c[0] < to) {
                buckets.get((int) ((c[0] - from) / window)).add(c[1]);
            }
        }
        List<MinuteP99> out = new ArrayList<>();
        for (int i = 0; i < minutes; i++) {
            long[] values = buckets.get(i).stream().mapToLong(Long::longValue).toArray();
            out.add(new MinuteP99(i + 1, values.length, Percentiles.of(values).percentile(99)));
        }
        return out;
    }

    /** The median of the non-empty minutes' p99 (0 when there is none). */
    static long medianP99(List<MinuteP99> minutes) {
        long[] values = minutes.stream()
                .filter(m -> m.completions() > 0)
                .mapToLong(MinuteP99::p99Millis)
                .toArray();
        return Percentiles.of(values).percentile(50);
    }
}

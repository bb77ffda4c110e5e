package dev.vprompt.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Run-level numbers of a demo: job counts by status, throughput, batch sizes, mean scores per kind of job and mean
 * stage timings.
 *
 * @param jobs number of jobs submitted
 * @param byStatus job count per status
 * @param wallSeconds from the first submission to the last completion
 * @param jobsPerSecond completed jobs (any status) per wall second
 * @param batchSizeHistogram batch size to the number of jobs that ran in a batch of that size
 * @param meanBatchSize mean size of the distinct batches (each batch counted once)
 * @param meanScores job label to score name to the mean over the finite values
 * @param meanTimingsMs stage to the mean milliseconds over succeeded jobs
 * @param model the model's id and what it is ({@code sha256} or how the weights were made)
 * @param modelMeaningful false when the outputs carry no information (random or null model)
 */
public record RunSummary(
        int jobs,
        Map<String, Integer> byStatus,
        double wallSeconds,
        double jobsPerSecond,
        Map<Integer, Integer> batchSizeHistogram,
        double meanBatchSize,
        Map<String, Map<String, Double>> meanScores,
        Map<String, Double> meanTimingsMs,
        String model,
        boolean modelMeaningful) {

    /** Computes the summary of {@code entries}. */
    public static RunSummary of(List<JobEntry> entries, double wallSeconds, String model, boolean meaningful) {
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<Integer, Integer> histogram = new TreeMap<>();
        Map<String, Map<String, List<Double>>> scores = new LinkedHashMap<>();
        Map<String, List<Double>> timings = new LinkedHashMap<>();
        int completed = 0;
        for (JobEntry e : entries) {
            byStatus.merge(e.status(), 1, Integer::sum);
            if (!JobEntry.NO_COMPLETION.equals(e.status())) {
                completed++;
            }
            if (e.batchSize() > 0) {
                histogram.merge(e.batchSize(), 1, Integer::sum);
            }
            Map<String, List<Double>> perLabel = scores.computeIfAbsent(e.label(), k -> new LinkedHashMap<>());
            e.scores()
                    .forEach((k, v) ->
                            perLabel.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            if (e.succeeded()) {
                e.timingsMs()
                        .forEach((k, v) -> timings.computeIfAbsent(k, x -> new ArrayList<>())
                                .add((double) v));
            }
        }
        Map<String, Map<String, Double>> meanScores = new LinkedHashMap<>();
        scores.forEach((label, m) -> {
            Map<String, Double> means = new LinkedHashMap<>();
            m.forEach((k, v) -> means.put(k, FiniteMean.of(v.stream().mapToDouble(Double::doubleValue))));
            if (!means.isEmpty()) {
                meanScores.put(label, means);
            }
        });
        Map<String, Double> meanTimings = new LinkedHashMap<>();
        timings.forEach((k, v) -> meanTimings.put(k, FiniteMean.of(v.stream().mapToDouble(Double::doubleValue))));
        return new RunSummary(
                entries.size(),
                byStatus,
                wallSeconds,
                wallSeconds > 0 ? completed / wallSeconds : 0,
                histogram,
                meanBatchSize(histogram),
                meanScores,
                meanTimings,
                model,
                meaningful);
    }

    /** A batch of size s holds s jobs, so the histogram (jobs per size) counts it s times. */
    private static double meanBatchSize(Map<Integer, Integer> histogram) {
        double batches = 0;
        long jobs = 0;
        for (Map.Entry<Integer, Integer> e : histogram.entrySet()) {
            batches += (double) e.getValue() / e.getKey();
            jobs += e.getValue();
        }
        return batches == 0 ? 0 : jobs / batches;
    }

    /** Number of jobs with status {@code SUCCEEDED}. */
    public int succeeded() {
        return byStatus.getOrDefault("SUCCEEDED", 0);
    }
}

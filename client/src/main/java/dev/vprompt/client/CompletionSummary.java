package dev.vprompt.client;

import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.StageTimings;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * Counts and means over a set of completion events: succeeded, failed by error code, missing, mean per-stage timings
 * and mean batch size of the succeeded jobs, mean of each score. Immutable and thread-safe. The {@code vp} commands
 * print it as tables; a program reads the fields.
 *
 * @param succeeded jobs that succeeded
 * @param failuresByCode failed jobs per error code, sorted by code
 * @param missing jobs waited for that never completed
 * @param meanStageMs mean milliseconds per stage (queue, fetch, prepare, batch_wait, infer, publish, total) over the
 *     succeeded jobs; empty when none succeeded
 * @param meanBatchSize mean inference batch size over the succeeded jobs; 0 when none
 * @param meanScores mean of each score over the jobs that carry it (e.g. {@code iou} with ground truth)
 */
public record CompletionSummary(
        int succeeded,
        Map<String, Integer> failuresByCode,
        int missing,
        Map<String, Double> meanStageMs,
        double meanBatchSize,
        Map<String, Double> meanScores) {

    private static final Map<String, ToLongFunction<StageTimings>> STAGES = stages();

    public CompletionSummary {
        failuresByCode = Map.copyOf(failuresByCode);
        meanStageMs = Collections.unmodifiableMap(new LinkedHashMap<>(meanStageMs));
        meanScores = Collections.unmodifiableMap(new TreeMap<>(meanScores));
    }

    private static Map<String, ToLongFunction<StageTimings>> stages() {
        Map<String, ToLongFunction<StageTimings>> m = new LinkedHashMap<>();
        m.put("queue", StageTimings::getQueueMs);
        m.put("fetch", StageTimings::getFetchMs);
        m.put("prepare", StageTimings::getPrepareMs);
        m.put("batch_wait", StageTimings::getBatchWaitMs);
        m.put("infer", StageTimings::getInferMs);
        m.put("publish", StageTimings::getPublishMs);
        m.put("total", StageTimings::getTotalMs);
        return m;
    }

    /** Summarises {@code events}; {@code missing} is the number of jobs that never completed. */
    public static CompletionSummary of(Collection<PromptCompleted> events, int missing) {
        int ok = 0;
        long batchSum = 0;
        Map<String, Integer> failures = new TreeMap<>();
        Map<String, Long> stageSums = new LinkedHashMap<>();
        Map<String, double[]> scores = new TreeMap<>();
        for (PromptCompleted e : events) {
            e.getScores().forEach((k, v) -> {
                double[] acc = scores.computeIfAbsent(k, x -> new double[2]);
                acc[0] += v;
                acc[1]++;
            });
            if (e.getStatus() != JobStatus.SUCCEEDED) {
                String code = e.getError() == null ? "UNKNOWN" : e.getError().getCode();
                failures.merge(code, 1, Integer::sum);
                continue;
            }
            ok++;
            batchSum += e.getBatch().getSize();
            for (var s : STAGES.entrySet()) {
                stageSums.merge(s.getKey(), s.getValue().applyAsLong(e.getTimings()), Long::sum);
            }
        }
        Map<String, Double> stageMeans = new LinkedHashMap<>();
        int n = ok;
        stageSums.forEach((k, v) -> stageMeans.put(k, (double) v / n));
        Map<String, Double> scoreMeans = new TreeMap<>();
        scores.forEach((k, acc) -> scoreMeans.put(k, acc[0] / acc[1]));
        return new CompletionSummary(
                ok, failures, missing, stageMeans, ok == 0 ? 0 : (double) batchSum / ok, scoreMeans);
    }

    public int failed() {
        return failuresByCode.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int total() {
        return succeeded + failed() + missing;
    }
}

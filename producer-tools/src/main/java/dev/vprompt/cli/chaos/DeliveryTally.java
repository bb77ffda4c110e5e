package dev.vprompt.cli.chaos;

import dev.vprompt.cli.console.TextTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a run delivered, counted from every completion event and dead letter in the topics, the consumer group's
 * committed offsets and the result objects in storage. Pure arithmetic over what {@link DeliveryCounter} read.
 *
 * @param submitted jobs the producer had acknowledged
 * @param events completion events read (every copy)
 * @param distinctJobs jobs with at least one completion event
 * @param succeeded jobs with at least one SUCCEEDED event
 * @param failed jobs with at least one FAILED event
 * @param duplicates events beyond the first of their job ({@code events - distinctJobs})
 * @param jobsWithDuplicates jobs with more than one event
 * @param conflicting jobs with both a SUCCEEDED and a FAILED event
 * @param missing submitted jobs without any event
 * @param missingSample up to {@value #SAMPLE} of them, sorted
 * @param unexpected jobs with events that were never submitted (another producer, or a wrong job list)
 * @param deadLettersByCode dead letters by error code
 * @param committed sum over the jobs topic's partitions of the group's committed offset (0 where none)
 * @param endOffsets sum of the jobs topic's end offsets
 * @param partitionsBehind partitions whose committed offset is below the end offset
 * @param resultsPresent succeeded jobs whose every output object exists in storage
 *
 * <p>Immutable and thread-safe.
 */
public record DeliveryTally(
        int submitted,
        int events,
        int distinctJobs,
        int succeeded,
        int failed,
        int duplicates,
        int jobsWithDuplicates,
        int conflicting,
        int missing,
        List<String> missingSample,
        int unexpected,
        SortedMap<String, Integer> deadLettersByCode,
        long committed,
        long endOffsets,
        int partitionsBehind,
        int resultsPresent) {

    static final int SAMPLE = 5;

    /** One completion event: its job and whether it says SUCCEEDED. */
    public record Outcome(String jobId, boolean succeeded) {}

    public DeliveryTally {
        missingSample = List.copyOf(missingSample);
        deadLettersByCode = Collections.unmodifiableSortedMap(new TreeMap<>(deadLettersByCode));
    }

    /**
     * @param submitted the acknowledged job ids
     * @param completions every completion event read, in any order
     * @param deadLetterCodes the error code of every dead letter read
     * @param committed the group's committed offset per partition of the jobs topic (absent: never committed)
     * @param endOffsets the jobs topic's end offset per partition
     * @param withResults job ids whose output objects were all found in storage
     */
    public static DeliveryTally count(
            Collection<String> submitted,
            List<Outcome> completions,
            List<String> deadLetterCodes,
            Map<Integer, Long> committed,
            Map<Integer, Long> endOffsets,
            Set<String> withResults) {
        Map<String, int[]> perJob = new HashMap<>(); // [events, succeeded events, failed events]
        for (Outcome o : completions) {
            int[] n = perJob.computeIfAbsent(o.jobId(), k -> new int[3]);
            n[0]++;
            n[o.succeeded() ? 1 : 2]++;
        }
        int succeeded = 0;
        int failed = 0;
        int conflicting = 0;
        int withDuplicates = 0;
        int resultsPresent = 0;
        for (Map.Entry<String, int[]> e : perJob.entrySet()) {
            int[] n = e.getValue();
            succeeded += n[1] > 0 ? 1 : 0;
            failed += n[2] > 0 ? 1 : 0;
            conflicting += n[1] > 0 && n[2] > 0 ? 1 : 0;
            withDuplicates += n[0] > 1 ? 1 : 0;
            resultsPresent += n[1] > 0 && withResults.contains(e.getKey()) ? 1 : 0;
        }
        Set<String> sent = new HashSet<>(submitted);
        TreeSet<String> missing = new TreeSet<>(sent);
        missing.removeAll(perJob.keySet());
        int unexpected =
                (int) perJob.keySet().stream().filter(id -> !sent.contains(id)).count();
        SortedMap<String, Integer> byCode = new TreeMap<>();
        deadLetterCodes.forEach(code -> byCode.merge(code, 1, Integer::sum));
        long committedTotal = 0;
        long endTotal = 0;
        int behind = 0;
        for (Map.Entry<Integer, Long> end : endOffsets.entrySet()) {
            long c = committed.getOrDefault(end.getKey(), 0L);
            committedTotal += c;
            endTotal += end.getValue();
            behind += c < end.getValue() ? 1 : 0;
        }
        return new DeliveryTally(
                sent.size(),
                completions.size(),
                perJob.size(),
                succeeded,
                failed,
                completions.size() - perJob.size(),
                withDuplicates,
                conflicting,
                missing.size(),
                new ArrayList<>(missing).subList(0, Math.min(SAMPLE, missing.size())),
                unexpected,
                byCode,
                committedTotal,
                endTotal,
                behind,
                resultsPresent);
    }

    /**
     * How many of {@code recordKeys} (the keys of the jobs topic's records) repeat a submitted job beyond its first
     * record: a job the producer sent again after a send it could not confirm. Each such record is processed, and
     * completed, once more even under exactly-once delivery.
     */
    public static int repeatedRecords(Collection<String> submitted, List<String> recordKeys) {
        Set<String> sent = new HashSet<>(submitted);
        Set<String> seen = new HashSet<>();
        int repeated = 0;
        for (String key : recordKeys) {
            if (key != null && sent.contains(key) && !seen.add(key)) {
                repeated++;
            }
        }
        return repeated;
    }

    public int deadLetters() {
        return deadLettersByCode.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The counter's table: one figure per row. */
    public String toTable() {
        TextTable t = new TextTable("figure", "value");
        t.row("jobs sent", submitted);
        t.row("jobs completed", distinctJobs);
        t.row("  succeeded", succeeded);
        t.row("  failed", failed);
        t.row("missing", missing + (missing == 0 ? "" : "  e.g. " + String.join(", ", missingSample)));
        if (unexpected > 0) {
            t.row("not submitted", unexpected);
        }
        t.row("completion events", events);
        t.row("duplicates", duplicates + (duplicates == 0 ? "" : "  (in " + jobsWithDuplicates + " jobs)"));
        t.row("conflicting statuses", conflicting);
        t.row("dead letters", deadLetters());
        deadLettersByCode.forEach((code, n) -> t.row("  " + code, n));
        t.row("committed / end offsets", committed + " / " + endOffsets);
        t.row("results present", resultsPresent + " / " + succeeded);
        return t.render();
    }
}

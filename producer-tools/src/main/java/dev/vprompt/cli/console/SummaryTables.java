package dev.vprompt.cli.console;

import dev.vprompt.client.CompletionSummary;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Prints a {@link CompletionSummary} as the {@code vp submit --wait} / {@code vp await} tables: jobs per status, then
 * (when anything succeeded) the mean stage timings and batch size, then the mean scores.
 *
 * <p>Thread-safe (stateless).
 */
public final class SummaryTables {

    private SummaryTables() {}

    /** The per-status table, then (when anything succeeded) the stage timings, then the scores. */
    public static String render(CompletionSummary summary) {
        TextTable status = new TextTable("status", "jobs");
        status.row("SUCCEEDED", summary.succeeded());
        new TreeMap<>(summary.failuresByCode()).forEach((code, n) -> status.row("FAILED " + code, n));
        if (summary.missing() > 0) {
            status.row("MISSING (no completion)", summary.missing());
        }
        status.row("total", summary.total());
        StringBuilder sb = new StringBuilder(status.render());
        if (!summary.meanStageMs().isEmpty()) {
            TextTable stages = new TextTable("stage (mean of succeeded)", "ms");
            summary.meanStageMs().forEach((k, v) -> stages.row(k, String.format(Locale.ROOT, "%.1f", v)));
            stages.row("batch size", String.format(Locale.ROOT, "%.2f", summary.meanBatchSize()));
            sb.append('\n').append(stages.render());
        }
        if (!summary.meanScores().isEmpty()) {
            TextTable t = new TextTable("score", "mean");
            summary.meanScores().forEach((k, v) -> t.row(k, String.format(Locale.ROOT, "%.4f", v)));
            sb.append('\n').append(t.render());
        }
        return sb.toString();
    }
}

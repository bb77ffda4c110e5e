package dev.vprompt.cli.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The expectations every scenario shares: nothing lost, nothing failed, everything committed and stored. */
final class Outcomes {

    private Outcomes() {}

    static List<Expectation> delivery(DeliveryTally t, Duration settled, Duration settleTimeout) {
        List<Expectation> e = new ArrayList<>();
        e.add(new Expectation(
                "settled within " + Durations.text(settleTimeout),
                settled == null ? "no" : Durations.text(settled),
                settled != null));
        e.add(Expectation.equal("0 missing", 0, t.missing()));
        e.add(Expectation.equal("0 dead letters", 0, t.deadLetters()));
        e.add(Expectation.equal("every job SUCCEEDED (0 failed)", 0, t.failed()));
        e.add(Expectation.equal("0 conflicting statuses", 0, t.conflicting()));
        e.add(new Expectation(
                "committed = end offsets", t.committed() + " / " + t.endOffsets(), t.committed() == t.endOffsets()));
        e.add(new Expectation(
                "results present for every succeeded job",
                t.resultsPresent() + " / " + t.succeeded(),
                t.resultsPresent() == t.succeeded()));
        return e;
    }

    /**
     * Exactly-once delivery: one completion event or dead letter per record of the jobs topic, so no duplicate beyond
     * the records the producer itself sent twice ({@code repeatedJobRecords}, normally 0).
     */
    static Expectation exactlyOnce(DeliveryTally t, int repeatedJobRecords) {
        if (repeatedJobRecords == 0) {
            return Expectation.equal("0 duplicates (exactly-once)", 0, t.duplicates());
        }
        return Expectation.equal(
                "duplicates = job records sent again (" + repeatedJobRecords + ", exactly-once)",
                repeatedJobRecords,
                t.duplicates());
    }

    /** Formatting of durations in reports. */
    static final class Durations {
        private Durations() {}

        static String text(Duration d) {
            long ms = d.toMillis();
            return ms < 10_000 ? String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0) : (ms / 1000) + " s";
        }
    }
}

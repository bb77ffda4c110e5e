package dev.vprompt.cli.chaos;

import dev.vprompt.cli.console.TextTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one scenario: the counter's tally, the scenario's own figures (in-flight at each kill, outage
 * observations, memory drift...) and its expectations, each met or not.
 *
 * @param scenario the scenario's command name
 * @param delivery the workers' delivery mode, {@code at-least-once} or {@code exactly-once}
 * @param setup one line saying what ran (workers, model, delivery, jobs, rate, disruption)
 * @param tally what the counter read after the run
 * @param figures the scenario's own measurements, in the order they are printed
 * @param expectations what the scenario promises, checked
 *
 * <p>Immutable and thread-safe.
 */
record ChaosReport(
        String scenario,
        String delivery,
        String setup,
        DeliveryTally tally,
        Map<String, String> figures,
        List<Expectation> expectations) {

    ChaosReport {
        figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        expectations = List.copyOf(expectations);
    }

    boolean passed() {
        return expectations.stream().allMatch(Expectation::met);
    }

    long failures() {
        return expectations.stream().filter(e -> !e.met()).count();
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("vp chaos ").append(scenario).append(": ").append(setup).append("\n\n");
        sb.append(tally.toTable()).append('\n');
        if (!figures.isEmpty()) {
            TextTable t = new TextTable("measured", "value");
            figures.forEach(t::row);
            sb.append(t.render()).append('\n');
        }
        TextTable e = new TextTable("expectation", "measured", "");
        for (Expectation x : expectations) {
            e.row(x.what(), x.measured(), x.met() ? "ok" : "FAILED");
        }
        sb.append(e.render()).append('\n');
        sb.append(scenario)
                .append(": ")
                .append(passed() ? "PASSED" : "FAILED (" + failures() + " of " + expectations.size() + " expectations)")
                .append('\n');
        return sb.toString();
    }

    /** One line per scenario for {@code vp chaos all}. */
    static String summary(List<ChaosReport> reports) {
        TextTable t = new TextTable(
                "scenario",
                "delivery",
                "sent",
                "completed",
                "missing",
                "duplicates",
                "dead letters",
                "committed/end",
                "result");
        for (ChaosReport r : reports) {
            DeliveryTally d = r.tally();
            t.row(
                    r.scenario(),
                    r.delivery(),
                    d.submitted(),
                    d.distinctJobs(),
                    d.missing(),
                    d.duplicates(),
                    d.deadLetters(),
                    d.committed() + "/" + d.endOffsets(),
                    r.passed() ? "PASSED" : "FAILED");
        }
        return t.render();
    }
}

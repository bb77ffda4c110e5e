package dev.vprompt.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vprompt.worker.internal.job.JobTimings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard in deploy/ only queries metrics the worker exports, under their exported names. */
class DashboardMetricsTest {

    private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "vprompt-workers.json");
    private static final Pattern METRIC = Pattern.compile("\\bvp_[a-z_]+\\b");

    @Test
    void shouldExportEveryMetricTheDashboardQueriesWhenEveryMeterHasBeenUsed() throws Exception {
        // Given: a worker's metrics with every meter registered and used once
        WorkerMetrics metrics = new WorkerMetrics();
        metrics.jobFinished("SUCCEEDED", "none");
        metrics.recordStages(new JobTimings(System.currentTimeMillis(), System.currentTimeMillis()).toEvent());
        metrics.batch(4);
        metrics.retry("fetch");
        metrics.gauge(WorkerMetrics.IN_FLIGHT, "in flight", () -> 3);
        metrics.gauge(WorkerMetrics.PAUSED_PARTITIONS, "paused", () -> 0);
        metrics.gauge(WorkerMetrics.CONSUMER_LAG, "lag", () -> 7);
        metrics.deviceGauge("cpu", () -> 0.5);
        metrics.deviceBusy("cpu", () -> 1.5);
        metrics.exampleCache(() -> 10, () -> 2, () -> 1024);
        Set<String> exported = new TreeSet<>();
        for (String line : metrics.scrape().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                exported.add(line.split("[{ ]", 2)[0]);
            }
        }
        // When: every metric name in the dashboard's queries
        Set<String> queried = new TreeSet<>();
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = METRIC.matcher(target.get("expr").asText());
                while (m.find()) {
                    queried.add(m.group());
                }
            }
        }
        // Then
        assertThat(queried).hasSizeGreaterThan(8);
        assertThat(exported).containsAll(queried);
    }
}

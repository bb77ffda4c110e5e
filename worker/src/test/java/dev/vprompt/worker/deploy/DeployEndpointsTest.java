package dev.vprompt.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vprompt.worker.internal.job.JobTimings;
import dev.vprompt.worker.lifecycle.TestHealthServers;
import dev.vprompt.worker.metrics.WorkerMetrics;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The paths and metric names the deploy files rely on are served and exported by the worker. */
class DeployEndpointsTest {

    private static final Pattern METRIC = Pattern.compile("\\bvp_[a-z_]+\\b");
    private static final Pattern HEALTHCHECK_PATH = Pattern.compile("http://127\\.0\\.0\\.1:\\d+(/\\S+)");

    @Test
    void shouldAnswerEveryProbeAndScrapePathWhenTheHealthServerRuns() throws Exception {
        // Given: every path the Deployment, the images, the Service and Prometheus use
        Set<String> paths = new TreeSet<>();
        JsonNode container = DeployFilesTest.container();
        for (String probe : new String[] {"startupProbe", "livenessProbe", "readinessProbe"}) {
            paths.add(container.at("/" + probe + "/httpGet/path").asText());
        }
        for (var dockerfile : DeployFiles.DOCKERFILES) {
            Matcher m = HEALTHCHECK_PATH.matcher(DeployFiles.text(dockerfile));
            while (m.find()) {
                paths.add(m.group(1));
            }
        }
        paths.add(DeployFiles.k8s("Service")
                .at("/metadata/annotations/prometheus.io~1path")
                .asText());
        paths.add(DeployFiles.yaml(DeployFiles.DEPLOY.resolve("prometheus/prometheus.yml"))
                .at("/scrape_configs/0/metrics_path")
                .asText());
        Vertx vertx = Vertx.vertx();
        TestHealthServers.Started server = TestHealthServers.start(vertx, new WorkerMetrics());
        try {
            int port = server.port();
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

            // When / Then
            assertThat(paths).contains("/health/live", "/health/ready", "/metrics");
            for (String path : paths) {
                HttpResponse<String> res = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(res.statusCode()).as(path).isEqualTo(200);
            }
        } finally {
            server.close();
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    @Test
    void shouldExportEveryMetricTheScaledObjectQueriesWhenEveryMeterHasBeenUsed() {
        // Given: a worker's metrics with every meter registered and used once (as DashboardMetricsTest does)
        WorkerMetrics metrics = new WorkerMetrics();
        metrics.jobFinished("SUCCEEDED", "none");
        metrics.recordStages(new JobTimings(System.currentTimeMillis(), System.currentTimeMillis()).toEvent());
        metrics.batch(4);
        metrics.retry("fetch");
        metrics.gauge(WorkerMetrics.IN_FLIGHT, "in flight", () -> 3);
        metrics.gauge(WorkerMetrics.CONSUMER_LAG, "lag", () -> 7);
        metrics.deviceGauge("gpu:0", () -> 0.5);
        metrics.deviceBusy("gpu:0", () -> 1.5);
        Set<String> exported = new TreeSet<>();
        for (String line : metrics.scrape().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                exported.add(line.split("[{ ]", 2)[0]);
            }
        }

        // When: every metric in the ScaledObject's Prometheus queries
        Set<String> queried = new TreeSet<>();
        for (JsonNode trigger : DeployFiles.k8s("ScaledObject").at("/spec/triggers")) {
            Matcher m = METRIC.matcher(trigger.at("/metadata/query").asText());
            while (m.find()) {
                queried.add(m.group());
            }
        }

        // Then
        assertThat(queried).isNotEmpty();
        assertThat(exported).containsAll(queried);
    }
}

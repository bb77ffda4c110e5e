package dev.vprompt.cli.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code vp worker --config} in its own JVM, with its configuration written from a {@link WorkerSpec}, and its
 * operations endpoint ({@code /health/ready}, {@code /metrics}) on a fixed loopback port, so that a restarted worker is
 * probed where it was.
 *
 * <p>Not thread-safe for start/kill/stop (the scenario thread); the probes may be called from any thread.
 */
final class WorkerProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final WorkerSpec spec;
    private final Path configFile;
    private final ChildJvm jvm;
    private int starts;

    WorkerProcess(WorkerSpec spec, Path workDir, List<String> jvmOptions) {
        this.spec = spec;
        this.configFile = workDir.resolve(spec.workerId() + ".yaml");
        this.jvm = new ChildJvm(
                spec.workerId(),
                jvmOptions,
                List.of("worker", "--config", configFile.toString()),
                workDir.resolve("logs").resolve(spec.workerId() + ".log"));
    }

    WorkerSpec spec() {
        return spec;
    }

    ChildJvm jvm() {
        return jvm;
    }

    int starts() {
        return starts;
    }

    void start() throws IOException {
        Files.writeString(configFile, spec.yaml());
        jvm.start();
        starts++;
    }

    /** Waits until {@code /health/ready} answers 200; false if the process died or the time ran out. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        return Waits.until(() -> !jvm.alive() || readyStatus() == 200, timeout) && jvm.alive();
    }

    /** The HTTP status of {@code /health/ready}, or -1 when the worker does not answer. */
    int readyStatus() {
        return readiness().status();
    }

    /**
     * What {@code /health/ready} answered.
     *
     * @param status the HTTP status, -1 when the worker did not answer
     * @param down the checks it reported DOWN
     */
    record Readiness(int status, java.util.Set<String> down) {}

    Readiness readiness() {
        return get("/health/ready")
                .map(r -> new Readiness(r.statusCode(), downChecks(r.body())))
                .orElse(new Readiness(-1, java.util.Set.of()));
    }

    private static java.util.Set<String> downChecks(String body) {
        java.util.Set<String> down = new java.util.TreeSet<>();
        try {
            com.fasterxml.jackson.databind.JsonNode checks = JSON.readTree(body).path("checks");
            checks.fields().forEachRemaining(e -> {
                if (!"UP".equals(e.getValue().asText())) {
                    down.add(e.getKey());
                }
            });
        } catch (IOException e) {
            down.add("unreadable");
        }
        return down;
    }

    /** The Prometheus text of {@code /metrics}, when the worker answers. */
    Optional<String> metrics() {
        return get("/metrics").filter(r -> r.statusCode() == 200).map(HttpResponse::body);
    }

    void kill() throws InterruptedException {
        jvm.kill();
    }

    int stop(Duration grace) throws InterruptedException {
        return jvm.stop(grace);
    }

    private Optional<HttpResponse<String>> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + spec.httpPort() + path))
                .timeout(PROBE_TIMEOUT)
                .GET()
                .build();
        try {
            return Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

package dev.vprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vprompt.embedded.StackEndpoints;
import dev.vprompt.embedded.junit.WithStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vp submit}, {@code vp await} and {@code vp loadgen} for real, against one in-process worker. */
@WithStack
class ClientCommandsIT {

    private static final String JOB_ID = "[A-Za-z0-9._-]+-[0-9a-f]{8}";
    private static CliHarness h;

    @TempDir
    Path dir;

    @BeforeAll
    static void startWorker(StackEndpoints stack) throws Exception {
        h = new CliHarness(stack).withWorker();
    }

    @AfterAll
    static void stopWorker() {
        h.close();
    }

    private static List<String> jobIds(String stdout) {
        return stdout.lines().filter(l -> l.matches(JOB_ID)).toList();
    }

    @Test
    void shouldPrintIdsSummaryAndDownloadResultsWhenSubmittingFoldersWithWait() throws Exception {
        // Given: two example pairs and three queries with ground truth
        Path out = dir.resolve("out");
        // When
        CommandRun r = h.submitFolders(
                dir, 3, "--wait", "--timeout", "2m", "--download", out.toString(), "--attribute", "test=submit");
        // Then
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> ids = jobIds(r.out());
        assertThat(ids).hasSize(3).allMatch(id -> id.matches("q[0-2]-[0-9a-f]{8}"));
        assertThat(r.count("SUCCEEDED")).isEqualTo(3);
        assertThat(r.count("total")).isEqualTo(3);
        assertThat(r.out()).contains("iou").contains("batch size");
        for (String id : ids) {
            assertThat(out.resolve(id).resolve("mask.png")).isNotEmptyFile();
            assertThat(out.resolve(id).resolve("prediction.png")).isNotEmptyFile();
        }
        assertThat(r.err()).contains("3/3 jobs completed");
    }

    @Test
    void shouldFindEarlierJobsAndDownloadWhenAwaitingIdsFromAFile() throws Exception {
        // Given: jobs submitted without waiting, ids saved as a pipeline would
        CommandRun submitted = h.submitFolders(dir, 2);
        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        List<String> ids = jobIds(submitted.out());
        assertThat(ids).hasSize(2);
        Path idFile = Files.write(dir.resolve("ids.txt"), ids);
        Path out = dir.resolve("results");
        // When
        CommandRun r =
                h.vp("await", "--job-ids-from", idFile.toString(), "--timeout", "2m", "--download", out.toString());
        // Then
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.count("SUCCEEDED")).isEqualTo(2);
        assertThat(ids)
                .allSatisfy(
                        id -> assertThat(out.resolve(id).resolve("mask.png")).isNotEmptyFile());
        try (var files = Files.walk(out)) {
            long n = files.filter(Files::isRegularFile).count();
            assertThat(r.out()).contains("downloaded " + n + " files into");
        }
    }

    @Test
    void shouldExitTwoAndCountTheErrorCodeWhenAManifestJobFails() throws Exception {
        // Given: one good job and one whose query does not exist in the bucket
        CliHarness.writeFolders(dir, 1);
        String pair = "\"examples\":[{\"input\":\"examples/input/ex0.png\",\"output\":\"examples/output/ex0.png\"}]";
        Path manifest = Files.write(
                dir.resolve("jobs.jsonl"),
                List.of(
                        "{\"jobId\":\"good-" + h.id + "\",\"query\":\"queries/input/q0.png\"," + pair + "}",
                        "{\"jobId\":\"bad-" + h.id + "\",\"query\":\"s3://" + h.images + "/missing.png\"," + pair
                                + "}"));
        // When
        CommandRun r = h.vp("submit", "--manifest", manifest.toString(), "--wait", "--timeout", "2m");
        // Then
        assertThat(r.exitCode()).as(r.err()).isEqualTo(CompletionReport.SOME_FAILED);
        assertThat(r.out().lines()).startsWith("good-" + h.id, "bad-" + h.id);
        assertThat(r.count("SUCCEEDED")).isEqualTo(1);
        assertThat(r.count("FAILED OBJECT_NOT_FOUND")).isEqualTo(1);
        assertThat(r.out()).contains("bad-" + h.id + "  OBJECT_NOT_FOUND");
    }

    @Test
    void shouldCountCompletionsOfAnyJobWhenAwaitingACountFromTheBeginning() throws Exception {
        // Given: at least two completions in the topic
        CommandRun submitted = h.submitFolders(dir, 2, "--wait");
        assertThat(submitted.exitCode()).as(submitted.err()).isIn(0, CompletionReport.SOME_FAILED);
        // When
        CommandRun r = h.vp("await", "--count", "2", "--since", "beginning", "--timeout", "1m");
        // Then
        assertThat(r.count("total")).isEqualTo(2);
        assertThat(r.count("MISSING (no completion)")).isEqualTo(-1);
    }

    @Test
    void shouldReportThroughputAndOrderedPercentilesAsJsonWhenRunningClosedLoop() throws Exception {
        // When
        CommandRun r = h.vp("loadgen", "--concurrency", "4", "--duration", "5s", "--warmup", "1s", "--json", "-");
        // Then
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("mode").asText()).isEqualTo("concurrency");
        assertThat(json.get("jobsPerSecond").asDouble()).isPositive();
        long submitted = json.get("submitted").asLong();
        assertThat(submitted).isPositive();
        assertThat(json.get("succeeded").asLong()
                        + json.get("failed").asLong()
                        + json.get("missing").asLong())
                .isEqualTo(submitted);
        assertThat(json.get("failed").asLong()).isZero();
        JsonNode latency = json.get("latencyMs");
        assertThat(latency.get("p50").asDouble()).isPositive();
        assertThat(latency.get("p50").asDouble())
                .isLessThanOrEqualTo(latency.get("p95").asDouble());
        assertThat(latency.get("p95").asDouble())
                .isLessThanOrEqualTo(latency.get("p99").asDouble());
        assertThat(latency.get("p99").asDouble())
                .isLessThanOrEqualTo(latency.get("max").asDouble());
        assertThat(json.get("meanBatchSize").asDouble()).isBetween(1.0, 4.0);
        assertThat(r.err()).contains("throughput"); // the table goes to stderr when JSON takes stdout
    }

    @Test
    void shouldSubmitTheOfferedNumberOfJobsWhenRunningOpenLoop() throws Exception {
        // Given
        Path report = dir.resolve("report.json");
        // When: 10 jobs/s for 3 s
        CommandRun r =
                h.vp("loadgen", "--rate", "10/s", "--duration", "3s", "--warmup", "0s", "--json", report.toString());
        // Then: the open loop catches up after stalls, so the count is the rate times the window
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("mode").asText()).isEqualTo("rate");
        assertThat(json.get("submitted").asLong()).isBetween(29L, 31L);
        assertThat(json.get("succeeded").asLong()).isPositive();
        assertThat(r.out()).contains("latency p99").contains("report written to " + report);
    }
}

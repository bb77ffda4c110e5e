package dev.vprompt.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vprompt.cli.CommandRun;
import dev.vprompt.cli.deployment.InProcessDeployment;
import dev.vprompt.cli.report.HtmlReport;
import dev.vprompt.embedded.StackEndpoints;
import dev.vprompt.worker.config.ModelSettings;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code vp eval} for real: in its own in-process deployment, and against a deployment that is already running. */
class EvalCommandIT {

    private static final int EPISODES = 3;

    @TempDir
    Path dir;

    @Test
    void shouldPrintMeanIouPerFoldAndWriteJsonWhenEvaluatingAGeneratedPascalSet() throws Exception {
        // Given
        Path json = dir.resolve("eval.json");
        // When
        CommandRun run = CommandRun.run(
                "eval",
                "--dataset",
                "pascal",
                "--generate",
                "2",
                "--episodes",
                String.valueOf(EPISODES),
                "--fold",
                "0..1",
                "--json",
                json.toString());
        // Then
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(run.firstLine())
                .as("the built-in trained model serves by default")
                .doesNotStartWith(HtmlReport.UNTRAINED_WARNING);
        for (String fold : new String[] {"fold0", "fold1"}) {
            assertThat(run.out())
                    .containsPattern(Pattern.compile("(?m)^" + fold + "\\s+" + EPISODES + "\\s+" + EPISODES
                            + "\\s+0\\s+0\\s+(\\d\\.\\d{4}|n/a)\\s"));
        }
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("dataset").asText()).isEqualTo("pascal");
        assertThat(root.get("splits")).hasSize(2);
        for (JsonNode split : root.get("splits")) {
            assertThat(split.get("succeeded").asInt()).isEqualTo(EPISODES);
            assertThat(split.get("mean").get("accuracy").asDouble()).isBetween(0.0, 1.0);
            if (!split.get("mean").get("iou").isNull()) {
                assertThat(split.get("mean").get("iou").asDouble()).isBetween(0.0, 1.0);
            }
        }
        assertThat(root.get("modelMeaningful").asBoolean()).isTrue();
        assertThat(root.get("model").asText()).contains("vprompt-small");
    }

    @Test
    void shouldScoreSyntheticTasksAndColorizationOnARunningDeploymentWhenGivenItsAddresses() throws Exception {
        // Given
        try (InProcessDeployment running = InProcessDeployment.start(
                InProcessDeployment.Settings.defaults().withModel(ModelSettings.RANDOM, null))) {
            StackEndpoints s = running.endpoints();
            // When
            CommandRun run = runAgainst(
                    s,
                    "eval",
                    "--dataset",
                    "synthetic",
                    "--task",
                    "color,size_shape",
                    "--episodes",
                    "2",
                    "--json",
                    "-");
            // Then
            assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
            assertThat(run.err()).contains("using the deployment at " + s.kafkaBootstrap());
            assertThat(run.firstLine())
                    .as("the running deployment serves the random model")
                    .startsWith(HtmlReport.UNTRAINED_WARNING);
            assertThat(run.out()).containsPattern("(?m)^color\\s+2\\s+2\\s+0\\s+0\\s+\\d\\.\\d{4}");
            assertThat(run.out()).containsPattern("(?m)^size_shape\\s+2\\s+2\\s+0\\s+0\\s+\\d\\.\\d{4}");
            JsonNode root =
                    new ObjectMapper().readTree(run.out().substring(run.out().indexOf('{')));
            assertThat(root.get("splits")).hasSize(2);
            assertThat(root.get("mean").get("iou").asDouble()).isBetween(0.0, 1.0);
            assertThat(root.get("modelMeaningful").asBoolean()).isFalse();

            // When: colorization on a generated ImageNet-shaped folder, same deployment
            CommandRun colorization =
                    runAgainst(s, "eval", "--dataset", "colorization", "--generate", "1", "--episodes", "3");
            // Then
            assertThat(colorization.exitCode())
                    .as("stderr: %s", colorization.err())
                    .isZero();
            assertThat(colorization.out()).containsPattern("(?m)^val\\s+3\\s+3\\s+0\\s+0\\s+\\d+\\.\\d{4}");

            // When: single-object detection on a generated VOC folder, same deployment
            Path detectionJson = dir.resolve("detection.json");
            CommandRun detection = runAgainst(
                    s,
                    "eval",
                    "--dataset",
                    "detection",
                    "--generate",
                    "2",
                    "--episodes",
                    "3",
                    "--json",
                    detectionJson.toString());
            // Then: every episode scored with the official detection metrics
            assertThat(detection.exitCode()).as("stderr: %s", detection.err()).isZero();
            assertThat(detection.out()).containsPattern("(?m)^val\\s+3\\s+3\\s+0\\s+0\\s+(\\d\\.\\d{4}|n/a)\\s");
            JsonNode det = new ObjectMapper().readTree(detectionJson.toFile());
            assertThat(det.get("dataset").asText()).isEqualTo("detection");
            JsonNode split = det.get("splits").get(0);
            assertThat(split.get("succeeded").asInt()).isEqualTo(3);
            assertThat(split.get("mean").get("accuracy").asDouble()).isBetween(0.0, 1.0);
            assertThat(split.get("mean").get("color_blind_iou").isNumber())
                    .as("the worker reports color_blind_iou for detection")
                    .isTrue();
        }
    }

    @Test
    void shouldScoreEnsemblesRetrievedExamplesAndFusedPairsWhenAskedForBetterAnswers() throws Exception {
        // Given
        try (InProcessDeployment running = InProcessDeployment.start(InProcessDeployment.Settings.defaults())) {
            StackEndpoints s = running.endpoints();
            // When: the prompt-SelF ensemble on examples the worker retrieves from a pool of the fold
            CommandRun pascal = runAgainst(
                    s,
                    "eval",
                    "--dataset",
                    "pascal",
                    "--generate",
                    "2",
                    "--episodes",
                    "2",
                    "--fold",
                    "0",
                    "--ensemble",
                    "--retrieval",
                    "pool");
            // Then
            assertThat(pascal.exitCode()).as("stderr: %s", pascal.err()).isZero();
            assertThat(pascal.out()).contains("answers: ensemble, retrieved from a pool");
            assertThat(pascal.out()).containsPattern("(?m)^fold0\\s+2\\s+2\\s+0\\s+0\\s");

            // When: three supports per synthetic episode, fused on 2x2 canvases
            CommandRun synthetic = runAgainst(
                    s, "eval", "--dataset", "synthetic", "--task", "color", "--episodes", "2", "--examples", "3");
            // Then
            assertThat(synthetic.exitCode()).as("stderr: %s", synthetic.err()).isZero();
            assertThat(synthetic.out()).contains("answers: 3 examples");
            assertThat(synthetic.out()).containsPattern("(?m)^color\\s+2\\s+2\\s+0\\s+0\\s+\\d\\.\\d{4}");
        }
    }

    /** Runs vp with the connection flags of the running deployment {@code s} appended. */
    private static CommandRun runAgainst(StackEndpoints s, String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 8);
        String[] connection = {
            "--bootstrap", s.kafkaBootstrap(),
            "--s3-endpoint", s.s3Endpoint().toString(),
            "--s3-access-key", s.s3AccessKey(),
            "--s3-secret-key", s.s3SecretKey()
        };
        System.arraycopy(connection, 0, all, args.length, connection.length);
        return CommandRun.run(all);
    }
}

package dev.vprompt.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The compose files parse with a compose parser and every YAML file passes yamllint. Skipped, with a notice, where
 * {@code docker-compose} (Debian's 1.29) or {@code yamllint} is not installed (.ci/run installs both).
 */
class DeployToolsTest {

    @Test
    void shouldParseTheComposeStackWhenTheGpuOverrideIsAddedOrNot() throws Exception {
        // Given
        assumeTool("docker-compose");

        // When
        Result cpu = run("docker-compose", "-f", DeployFiles.COMPOSE.toString(), "config", "-q");
        Result gpu = run(
                "docker-compose",
                "-f",
                DeployFiles.COMPOSE.toString(),
                "-f",
                DeployFiles.COMPOSE_GPU.toString(),
                "config",
                "-q");

        // Then
        assertThat(cpu.exitCode()).as(cpu.output()).isZero();
        assertThat(gpu.exitCode()).as(gpu.output()).isZero();
    }

    @Test
    void shouldPassYamllintWhenEveryDeployFileIsChecked() throws Exception {
        // Given
        assumeTool("yamllint");

        // When
        Result lint = run(
                "yamllint",
                "--strict",
                "-c",
                DeployFiles.DEPLOY.resolve(".yamllint.yaml").toString(),
                DeployFiles.DEPLOY.toString());

        // Then
        assertThat(lint.exitCode()).as(lint.output()).isZero();
    }

    private static void assumeTool(String tool) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= Files.isExecutable(Path.of(dir, tool));
        }
        if (!found) {
            System.out.println("SKIPPED: " + tool + " is not installed (apt-get install " + tool + ")");
        }
        assumeTrue(found, "SKIPPED: " + tool + " is not installed");
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("deploy-tool-", ".txt");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(List.of(command)))
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 2 minutes");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
        }
    }

    private record Result(int exitCode, String output) {}
}

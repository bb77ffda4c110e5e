package dev.vprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code ./vp} launcher builds the CLI at most once when several start together on a stale checkout, and the CLI
 * it then runs does not keep the build lock. Runs the real script in a scratch copy of the repository layout whose
 * {@code mvnw} and {@code java} are stand-ins that log what they do; once with {@code flock(1)} and once without it
 * (the {@code mkdir} lock used on macOS).
 */
class VpLauncherLockTest {

    private static final Path LAUNCHER = Path.of("..", "vp");
    private static final List<String> SYSTEM_COMMANDS = List.of(
            "basename", "bash", "cat", "dirname", "find", "flock", "head", "mkdir", "rm", "sed", "sleep", "touch");
    private static final List<String> MODULES =
            List.of("common", "schemas", "client", "engine", "embedded", "worker", "producer-tools");
    private static final String FAKE_MVNW = """
            #!/bin/bash
            echo "build-start $$" >> "$VP_TEST_LOG"
            sleep 2
            mkdir -p producer-tools/target && touch producer-tools/target/vp.jar
            echo "build-end $$" >> "$VP_TEST_LOG"
            """;
    /** Logs its run; stays up while the file named by VP_TEST_HOLD exists (a long-running command like vp stack). */
    private static final String FAKE_JAVA = """
            #!/bin/bash
            echo "run $$" >> "$VP_TEST_LOG"
            while [ -n "$VP_TEST_HOLD" ] && [ -e "$VP_TEST_HOLD" ]; do sleep 0.2; done
            """;

    @ParameterizedTest(name = "flock available: {0}")
    @ValueSource(booleans = {true, false})
    void shouldBuildOnceWhenTwoLaunchesStartTogetherOnAStaleCheckout(boolean withFlock, @TempDir Path dir)
            throws Exception {
        // Given: no jar yet, so both launches find the checkout stale
        Path root = scratchRepository(dir);
        Path bin = binDirectory(dir, withFlock);

        // When
        Process a = launch(root, bin, null);
        Process b = launch(root, bin, null);

        // Then: one build, no overlap, both ran the CLI
        assertThat(a.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(a.exitValue()).isZero();
        assertThat(b.exitValue()).isZero();
        List<String> events = events(root);
        assertThat(events).filteredOn(e -> e.startsWith("build")).hasSize(2);
        assertThat(events.get(0)).startsWith("build-start");
        assertThat(events.get(1)).startsWith("build-end");
        assertThat(events).filteredOn(e -> e.startsWith("run")).hasSize(2);
    }

    @ParameterizedTest(name = "flock available: {0}")
    @ValueSource(booleans = {true, false})
    void shouldLetAnotherLaunchBuildWhenTheFirstCliIsStillRunning(boolean withFlock, @TempDir Path dir)
            throws Exception {
        // Given: a first launch built and now runs a long command
        Path root = scratchRepository(dir);
        Path bin = binDirectory(dir, withFlock);
        Path hold = Files.createFile(dir.resolve("hold"));
        Process first = launch(root, bin, hold);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> events(root).contains("run " + first.pid()));
            // the sources change while it runs
            Files.setLastModifiedTime(
                    root.resolve("worker/src/main/Changed.java"),
                    FileTime.from(Instant.now().plusSeconds(5)));

            // When
            Process second = launch(root, bin, null);

            // Then: the second one builds and runs without waiting for the first to stop
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isZero();
            assertThat(first.isAlive()).isTrue();
            assertThat(events(root)).filteredOn(e -> e.startsWith("build-end")).hasSize(2);
        } finally {
            Files.deleteIfExists(hold);
            first.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Path scratchRepository(Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("repo"));
        Files.copy(LAUNCHER, root.resolve("vp"));
        executable(root.resolve("mvnw"), FAKE_MVNW);
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        for (String module : MODULES) {
            Files.createDirectories(root.resolve(module).resolve("src/main"));
            Files.writeString(root.resolve(module).resolve("pom.xml"), "<project/>");
        }
        Files.writeString(root.resolve("worker/src/main/Changed.java"), "class Changed {}");
        Files.writeString(root.resolve("events.log"), "");
        return root;
    }

    /** A PATH with a logging {@code java} and the system commands the launcher uses, less {@code flock} if asked. */
    private static Path binDirectory(Path dir, boolean withFlock) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        executable(bin.resolve("java"), FAKE_JAVA);
        for (String name : SYSTEM_COMMANDS) {
            if (withFlock || !name.equals("flock")) {
                Path system = Path.of("/usr/bin", name);
                assertThat(system).as("system command").isExecutable();
                executable(bin.resolve(name), "#!/bin/bash\nexec " + system + " \"$@\"\n");
            }
        }
        return bin;
    }

    private static Process launch(Path root, Path bin, Path hold) throws IOException {
        List<String> command =
                new ArrayList<>(List.of("/bin/bash", root.resolve("vp").toString(), "--version"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PATH", bin.toString());
        pb.environment().put("VP_TEST_LOG", root.resolve("events.log").toString());
        pb.environment().put("VP_TEST_HOLD", hold == null ? "" : hold.toString());
        return pb.start();
    }

    private static List<String> events(Path root) throws IOException {
        return Files.readAllLines(root.resolve("events.log"));
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}

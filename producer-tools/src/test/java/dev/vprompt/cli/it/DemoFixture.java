package dev.vprompt.cli.it;

import dev.vprompt.cli.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real {@code vp demo} run per test JVM, shared by the tests that inspect its output (the demo starts Kafka, S3
 * and a worker, so running it once keeps the integration tests quick). Thread-safe: the run happens once, under the
 * class lock.
 */
final class DemoFixture {

    static final int JOBS = 4;

    private static DemoFixture instance;

    final Path out;
    final Path summary;
    final CommandRun run;

    private DemoFixture(Path out, Path summary, CommandRun run) {
        this.out = out;
        this.summary = summary;
        this.run = run;
    }

    static synchronized DemoFixture get() throws IOException {
        if (instance == null) {
            Path dir = Files.createTempDirectory("vp-demo-it-");
            Path out = dir.resolve("report");
            Path summary = dir.resolve("summary.json");
            CommandRun run = CommandRun.run(
                    "demo",
                    "--jobs",
                    String.valueOf(JOBS),
                    "--out",
                    out.toString(),
                    "--summary-json",
                    summary.toString(),
                    "--batch-delay",
                    "300ms");
            instance = new DemoFixture(out, summary, run);
        }
        return instance;
    }
}

package dev.vprompt.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.cli.Vp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short CI variant of {@code vp chaos}: real processes (a {@code vp stack} JVM, two {@code vp worker} JVMs, all
 * started from this test's class path) and real servers, small numbers. The full scenarios are the command's.
 */
class ChaosCommandIT {

    @Test
    void shouldLoseNothingWhenAWorkerIsKilledWithSigkillMidStream(@TempDir Path dir) {
        // When
        Run run = vp("chaos", "kill", "--short", "--jobs", "200", "--kills", "1", "--work-dir", dir.toString());

        // Then: exit 0 means every expectation held (0 missing, 0 dead letters, committed = end, duplicates bounded)
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .containsPattern("jobs sent\\s+200")
                .containsPattern("missing\\s+0")
                .containsPattern("dead letters\\s+0")
                .containsPattern("committed / end offsets\\s+200 / 200")
                .contains("kill: PASSED");
        assertThat(run.err()).contains("kill 1/1: SIGKILL chaos-w");
    }

    @Test
    void shouldDeliverEveryJobExactlyOnceWhenAWorkerIsKilledWithSigkillInExactlyOnceMode(@TempDir Path dir) {
        // When
        Run run = vp(
                "chaos",
                "kill",
                "--short",
                "--jobs",
                "200",
                "--kills",
                "1",
                "--delivery",
                "exactly-once",
                "--work-dir",
                dir.toString());

        // Then: the killed worker's open transaction is aborted, so no job has a second completion event
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("exactly-once delivery")
                .containsPattern("jobs sent\\s+200")
                .containsPattern("missing\\s+0")
                .containsPattern("duplicates\\s+0\\s")
                .containsPattern("conflicting statuses\\s+0")
                .containsPattern("dead letters\\s+0")
                .containsPattern("committed / end offsets\\s+200 / 200")
                .containsPattern("0 duplicates \\(exactly-once\\)\\s+0\\s+ok")
                .containsPattern("the workers committed Kafka transactions\\s+[1-9]\\d* committed\\s+ok")
                .contains("kill: PASSED");
        assertThat(run.err()).contains("kill 1/1: SIGKILL chaos-w");
    }

    @Test
    void shouldResumeAndLoseNothingWhenTheStackIsKilledAndRestartedOnItsPortsAndData(@TempDir Path dir) {
        // When
        Run run = vp("chaos", "broker-restart", "--short", "--jobs", "150", "--work-dir", dir.toString());

        // Then
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .containsPattern("jobs completed\\s+150")
                .containsPattern("missing\\s+0")
                .containsPattern("committed / end offsets\\s+150 / 150")
                .contains("broker-restart: PASSED");
        assertThat(run.err()).contains("stack back on the same ports");
    }

    private record Run(int code, String out, String err) {}

    private static Run vp(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out, true);
                PrintWriter e = new PrintWriter(err, true)) {
            code = Vp.run(o, e, args);
        }
        System.out.print(out);
        return new Run(code, out.toString(), err.toString());
    }
}

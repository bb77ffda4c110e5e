package dev.vprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.embedded.StackEndpoints;
import dev.vprompt.embedded.junit.WithStack;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unreachable services and missing resources: one clear line on stderr, exit status 1, no stack trace. */
@WithStack
class ConnectionErrorsIT {

    @TempDir
    Path dir;

    private static void assertOneLineFailure(CommandRun r, String start) {
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines()).singleElement().asString().startsWith(start);
    }

    @Test
    void shouldNameTheEndpointWhenS3IsUnreachable(StackEndpoints stack) throws Exception {
        // Given: a good Kafka but nothing listening where S3 should be
        CliHarness h = new CliHarness(stack);
        // When
        CommandRun r = h.submitFolders(dir, 1, "--s3-endpoint", "http://127.0.0.1:1");
        // Then
        assertOneLineFailure(r, "vp submit: cannot reach S3 at http://127.0.0.1:1");
    }

    @Test
    void shouldNameTheBootstrapWhenKafkaIsUnreachable() {
        // When
        CommandRun r = CommandRun.run("await", "--count", "1", "--bootstrap", "127.0.0.1:1", "--connect-timeout", "1s");
        // Then
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines()).containsExactly("vp await: cannot reach Kafka at 127.0.0.1:1 within 1.0s");
    }

    @Test
    void shouldNameTheTopicWhenItDoesNotExist(StackEndpoints stack) throws Exception {
        // Given
        CliHarness h = new CliHarness(stack);
        // When
        CommandRun r = h.submitFolders(dir, 1, "--jobs-topic", "no-such-topic-" + h.id);
        // Then
        assertOneLineFailure(
                r, "vp submit: topic no-such-topic-" + h.id + " does not exist at " + stack.kafkaBootstrap());
    }

    @Test
    void shouldNameTheBucketWhenItDoesNotExist(StackEndpoints stack) throws Exception {
        // Given
        CliHarness h = new CliHarness(stack);
        // When
        CommandRun r = h.submitFolders(dir, 1, "--images-bucket", "no-such-bucket-" + h.id);
        // Then
        assertOneLineFailure(r, "vp submit: bucket 'no-such-bucket-" + h.id + "' does not exist");
    }
}

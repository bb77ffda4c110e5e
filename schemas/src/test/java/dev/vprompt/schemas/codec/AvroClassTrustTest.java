package dev.vprompt.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

class AvroClassTrustTest {

    private static final long PROBE_TIMEOUT_SECONDS = 60;

    @Test
    void shouldTrustExactlyTheGeneratedPackageWhenAskedAboutClasses() {
        // Given
        var predicate = AvroClassTrust.GENERATED_CLASSES;

        // When / Then
        assertThat(predicate.isTrusted(PromptJob.class)).isTrue();
        assertThat(predicate.isTrusted(PromptJob.Builder.class)).isTrue();
        assertThat(predicate.isTrusted(Task.class)).isTrue();
        assertThat(predicate.isTrusted(ObjectRef.class)).isTrue();
        assertThat(predicate.isTrusted(EventCodecs.class)).as("sub-package").isFalse();
        assertThat(predicate.isTrusted(Runtime.class)).isFalse();
        assertThat(predicate.isTrusted(ProcessBuilder.class)).isFalse();
    }

    @Test
    void shouldKeepEarlierTrustWhenInstalled() {
        // When
        EventCodecs.trustGeneratedClasses();
        EventCodecs.trustGeneratedClasses();

        // Then
        var global = ClassSecurityValidator.getGlobal();
        assertThat(global.isTrusted(PromptJob.class)).isTrue();
        assertThat(global.isTrusted(String.class))
                .as("Avro's default trusted classes")
                .isTrue();
    }

    @Test
    void shouldDecodeInFreshJvmWhenSerializablePackagesPropertyIsAbsent() throws Exception {
        // Given: a JVM started without any system property, on this test's class path
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        NoTrustPropertyProbe.class.getName()))
                .redirectErrorStream(true);

        // When
        Process process = builder.start();
        String output = readAll(process);
        boolean exited = process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS);

        // Then
        assertThat(exited).as("probe finished").isTrue();
        assertThat(process.exitValue())
                .as("probe exit status, output: %s", output)
                .isZero();
        assertThat(output).contains(NoTrustPropertyProbe.SUCCESS);
    }

    private static String readAll(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}

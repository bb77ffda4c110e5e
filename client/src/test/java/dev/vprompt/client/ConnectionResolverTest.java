package dev.vprompt.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionResolverTest {

    @Test
    void shouldPreferExplicitThenEnvironmentThenStackFileThenDefaultWhenResolving() {
        // Given
        Map<String, String> env = Map.of(EnvNames.BOOTSTRAP, "env:2", EnvNames.S3_ENDPOINT, "http://env:3");
        Map<String, String> stackFile = Map.of(
                EnvNames.BOOTSTRAP, "file:4", EnvNames.S3_ENDPOINT, "http://file:5", EnvNames.S3_ACCESS_KEY, "fk");
        ConnectionResolver resolver = new ConnectionResolver(env, stackFile);

        // When
        Connection c = resolver.resolve(Map.of(EnvNames.BOOTSTRAP, "flag:1"), null);

        // Then
        assertThat(c.bootstrap()).isEqualTo("flag:1");
        assertThat(c.s3Endpoint()).isEqualTo(URI.create("http://env:3"));
        assertThat(c.s3AccessKey()).isEqualTo("fk");
        assertThat(c.s3SecretKey()).isEqualTo(Connection.DEFAULT_SECRET_KEY);
        assertThat(c.jobsTopic()).isEqualTo(Connection.DEFAULT_JOBS_TOPIC);
        assertThat(c.timeout()).isEqualTo(Connection.DEFAULT_TIMEOUT);
    }

    @Test
    void shouldSkipBlankValuesWhenAnEarlierSourceIsEmpty() {
        // Given: a flag left unset and an exported but empty variable
        Map<String, String> explicit = new HashMap<>();
        explicit.put(EnvNames.IMAGES_BUCKET, null);
        explicit.put(EnvNames.RESULTS_BUCKET, " ");
        ConnectionResolver resolver =
                new ConnectionResolver(Map.of(EnvNames.IMAGES_BUCKET, ""), Map.of(EnvNames.IMAGES_BUCKET, "from-file"));

        // When
        Connection c = resolver.resolve(explicit, Duration.ofSeconds(3));

        // Then
        assertThat(c.imagesBucket()).isEqualTo("from-file");
        assertThat(c.resultsBucket()).isEqualTo(Connection.DEFAULT_RESULTS_BUCKET);
        assertThat(c.timeout()).hasSeconds(3);
    }

    @Test
    void shouldUseTheWorkersDefaultsWhenNothingIsConfigured() {
        // When
        Connection c = new ConnectionResolver(Map.of(), Map.of()).resolve();

        // Then
        assertThat(c)
                .extracting(
                        Connection::bootstrap,
                        Connection::s3Endpoint,
                        Connection::jobsTopic,
                        Connection::completionsTopic,
                        Connection::deadLetterTopic,
                        Connection::imagesBucket,
                        Connection::resultsBucket)
                .containsExactly(
                        "127.0.0.1:9092",
                        URI.create("http://127.0.0.1:9000"),
                        "vp.jobs",
                        "vp.completions",
                        "vp.jobs.dlq",
                        "vp-images",
                        "vp-results");
    }
}

package dev.vprompt.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EndpointsAndS3ConfigTest {

    @Test
    void shouldHideSecretWhenEndpointsArePrinted() {
        // Given
        StackEndpoints endpoints = new StackEndpoints(
                "127.0.0.1:9092",
                URI.create("http://127.0.0.1:9000"),
                "key",
                "top-secret-value",
                "us-east-1",
                StackEndpoints.KIND_EMBEDDED);

        // When
        String text = endpoints.toString();

        // Then
        assertThat(text)
                .doesNotContain("top-secret-value")
                .contains("127.0.0.1:9092")
                .contains("key");
    }

    @Test
    void shouldRejectEndpointsWhenKindIsUnknown() {
        assertThatThrownBy(() -> new StackEndpoints(
                        "127.0.0.1:9092", URI.create("http://127.0.0.1:9000"), "k", "s", "us-east-1", "docker"))
                .isInstanceOf(EmbeddedConfigException.class)
                .hasMessageContaining("kind");
    }

    @Test
    void shouldHideSecretWhenS3ConfigIsPrinted() {
        // When
        String text = EmbeddedS3Config.defaults().toString();

        // Then
        assertThat(text).doesNotContain(EmbeddedS3Config.DEFAULT_SECRET_KEY).contains("vprompt");
    }

    @Test
    void shouldRejectS3ConfigWhenDirectoryIsMissingSecretIsShortAndPortIsOutOfRange() {
        assertThatThrownBy(() -> new EmbeddedS3Config("k", "short", "us-east-1", Path.of("/no/such/dir"), 70_000))
                .isInstanceOfSatisfying(
                        EmbeddedConfigException.class,
                        e -> assertThat(e.problems()).hasSize(3));
    }
}

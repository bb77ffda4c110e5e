package dev.vprompt.client.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class S3ClientFactoryTest {

    @Test
    void shouldSetTcpNoDelayWhenSocketIsCreatedUnconnected() throws Exception {
        // Given: OkHttp asks for an unconnected socket and connects it itself
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));

            // When
            try (Socket socket = new NoDelaySocketFactory().createSocket()) {
                socket.connect(server.getLocalSocketAddress());

                // Then
                assertThat(socket.getTcpNoDelay()).isTrue();
            }
        }
    }

    @Test
    void shouldSetTcpNoDelayWhenSocketIsCreatedConnected() throws Exception {
        // Given
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));

            // When
            try (Socket socket = new NoDelaySocketFactory().createSocket("127.0.0.1", server.getLocalPort())) {

                // Then
                assertThat(socket.getTcpNoDelay()).isTrue();
            }
        }
    }

    @Test
    void shouldBuildHttpClientFromOptionsWhenCreated() {
        // Given
        S3ClientOptions options = new S3ClientOptions(
                Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4), 17, 5, Duration.ofSeconds(9));

        // When
        try (S3ClientFactory factory = new S3ClientFactory(
                URI.create("http://127.0.0.1:9000"), "access", "secret-key", "us-east-1", options)) {

            // Then
            assertThat(factory.httpClient().socketFactory()).isInstanceOf(NoDelaySocketFactory.class);
            assertThat(factory.httpClient().connectTimeoutMillis()).isEqualTo(2000);
            assertThat(factory.httpClient().readTimeoutMillis()).isEqualTo(3000);
            assertThat(factory.httpClient().writeTimeoutMillis()).isEqualTo(4000);
            assertThat(factory.httpClient().dispatcher().getMaxRequestsPerHost())
                    .isEqualTo(17);
            assertThat(factory.client()).isNotNull();
            assertThat(factory.asyncClient()).isNotNull();
        }
    }

    @Test
    void shouldRejectEndpointWhenSchemeIsNotHttp() {
        assertThatThrownBy(() -> new S3ClientFactory(URI.create("ftp://127.0.0.1:21"), "a", "secret-key", "us-east-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http");
    }

    @Test
    void shouldRejectOptionsWhenValuesAreNotPositive() {
        assertThatThrownBy(() ->
                        new S3ClientOptions(Duration.ZERO, Duration.ofSeconds(1), null, 0, -1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectTimeout")
                .hasMessageContaining("writeTimeout")
                .hasMessageContaining("maxConcurrentRequests")
                .hasMessageContaining("maxIdleConnections");
    }
}

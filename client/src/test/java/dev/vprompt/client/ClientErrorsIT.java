package dev.vprompt.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.client.s3.S3ClientFactory;
import dev.vprompt.embedded.StackEndpoints;
import dev.vprompt.embedded.junit.WithStack;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Unreachable services and missing resources: a {@link VpClientException} whose message says what and where. */
@WithStack
class ClientErrorsIT {

    private static Connection connection(StackEndpoints stack) {
        return Connection.of(
                stack.kafkaBootstrap(), stack.s3Endpoint(), stack.s3AccessKey(), stack.s3SecretKey(), stack.s3Region());
    }

    /** A loopback port nothing listens on (bound once, then released). */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    @Test
    void shouldNameTheBootstrapWhenKafkaIsUnreachable() throws Exception {
        // Given
        String bootstrap = "127.0.0.1:" + closedPort();
        Connection c = new ConnectionResolver(Map.of(), Map.of())
                .resolve(Map.of(EnvNames.BOOTSTRAP, bootstrap), Duration.ofSeconds(1));

        // When / Then
        assertThatThrownBy(() -> JobSubmitter.open(c))
                .isInstanceOf(VpClientException.class)
                .hasMessage("cannot reach Kafka at " + bootstrap + " within 1.0s");
    }

    @Test
    void shouldNameTheTopicWhenItDoesNotExist(StackEndpoints stack) {
        // Given
        String topic = "no-such-topic-" + UUID.randomUUID();
        Connection c = connection(stack).withTopics("vp.jobs", topic, "vp.jobs.dlq");

        // When / Then
        assertThatThrownBy(() -> CompletionWatcher.open(c, StartPosition.end()))
                .isInstanceOf(VpClientException.class)
                .hasMessageStartingWith("topic " + topic + " does not exist at " + stack.kafkaBootstrap());
    }

    @Test
    void shouldNameTheBucketWhenItDoesNotExist(StackEndpoints stack) {
        // Given
        String bucket = "no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8);
        Connection c = connection(stack).withBuckets(bucket, "vp-results");
        try (S3ClientFactory s3 = c.s3()) {

            // When / Then
            assertThatThrownBy(() -> ImageUploader.of(s3.client(), c).checkBucket())
                    .isInstanceOf(VpClientException.class)
                    .hasMessageStartingWith("bucket '" + bucket + "' does not exist at " + stack.s3Endpoint());
        }
    }

    @Test
    void shouldNameTheEndpointWhenS3IsUnreachable(StackEndpoints stack) throws Exception {
        // Given
        URI endpoint = URI.create("http://127.0.0.1:" + closedPort());
        Connection c = Connection.of(stack.kafkaBootstrap(), endpoint, "key", "secret-key", "us-east-1");
        try (S3ClientFactory s3 = c.s3()) {

            // When / Then
            assertThatThrownBy(() -> ImageUploader.of(s3.client(), c).checkBucket())
                    .isInstanceOf(VpClientException.class)
                    .hasMessage("cannot reach S3 at " + endpoint + ": connection refused");
        }
    }
}

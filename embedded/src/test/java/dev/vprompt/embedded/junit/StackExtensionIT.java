package dev.vprompt.embedded.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.embedded.MinioClients;
import dev.vprompt.embedded.StackEndpoints;
import io.minio.MinioClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

@WithStack
class StackExtensionIT {

    private final StackEndpoints fromConstructor;

    StackExtensionIT(StackEndpoints fromConstructor) {
        this.fromConstructor = fromConstructor;
    }

    @Test
    void shouldInjectTheSameStackWhenAskedAgain(StackEndpoints fromMethod) {
        // Then: one stack per JVM, whichever way it is asked for
        assertThat(fromMethod).isSameAs(fromConstructor);
    }

    @Test
    void shouldPickTheKindTheEnvironmentCallsForWhenStarted(StackEndpoints stack) {
        // When
        StackChoice expected = StackChoice.choose(
                StackMode.fromSystemProperty(), TestcontainersSupport.onClassPath(), () -> DockerProbe.available());

        // Then
        assertThat(stack.kind()).isEqualTo(expected.kind());
    }

    @Test
    void shouldServeKafkaAndS3WhenInjected(StackEndpoints stack) throws Exception {
        // When
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()));
                MinioClient s3 = MinioClients.sync(stack)) {

            // Then: the broker answers and the S3 server accepts the signed credentials
            assertThat(admin.describeCluster()
                            .nodes()
                            .get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS))
                    .isNotEmpty();
            assertThat(s3.listBuckets()).isNotNull();
        }
    }

    @Test
    void shouldRejectRequestsWhenSecretIsWrong(StackEndpoints stack) throws Exception {
        // Given
        try (MinioClient s3 =
                MinioClients.sync(stack.s3Endpoint(), stack.s3AccessKey(), "wrong-secret-key", stack.s3Region())) {

            // When / Then: authentication is really enforced
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s3.listBuckets())
                    .isInstanceOf(io.minio.errors.ErrorResponseException.class);
        }
    }
}

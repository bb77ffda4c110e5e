package dev.vprompt.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After close: ports free, private storage deleted, caller's storage kept, a second close harmless. */
class CleanShutdownIT {

    @Test
    void shouldFreePortsAndDeleteTempStorageWhenStackIsClosedTwice() throws Exception {
        // Given
        EmbeddedStack stack = EmbeddedStack.start();
        List<Integer> ports = new ArrayList<>();
        stack.kafka().listenerAddresses().values().forEach(a -> ports.add(a.getPort()));
        ports.add(stack.s3().port());
        Path kafkaDir = stack.kafka().dataDirectory();
        assertThat(kafkaDir).isDirectory();

        // When
        stack.close();
        stack.close();

        // Then
        assertThat(kafkaDir).doesNotExist();
        if (ProcNetTcp.available()) {
            assertThat(ProcNetTcp.listening())
                    .noneMatch(s -> ports.contains(s.port()) && s.address().isLoopbackAddress());
        }
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", port));
                assertThat(socket.isBound()).as("port %d is free again", port).isTrue();
            }
        }
        assertThatThrownBy(() -> stack.createTopics(1, "after-close")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> stack.createBuckets("after-close")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldKeepCallerDirectoryAndObjectsWhenFilesystemStoreIsRestarted(@TempDir Path dir) throws Exception {
        // Given
        byte[] body = "kept across restarts".getBytes(StandardCharsets.UTF_8);
        try (EmbeddedS3 s3 = EmbeddedS3.start(EmbeddedS3Config.onDisk(dir));
                MinioClient client = clients(s3)) {
            s3.createBucket("kept");
            client.putObject(PutObjectArgs.builder().bucket("kept").object("a/b.txt").stream(
                            new ByteArrayInputStream(body), body.length, -1)
                    .build());
        }

        // When
        assertThat(dir).isDirectory();
        try (EmbeddedS3 s3 = EmbeddedS3.start(EmbeddedS3Config.onDisk(dir));
                MinioClient client = clients(s3)) {
            try (GetObjectResponse response = client.getObject(
                    GetObjectArgs.builder().bucket("kept").object("a/b.txt").build())) {

                // Then
                assertThat(response.readAllBytes()).isEqualTo(body);
            }
        }
    }

    @Test
    void shouldKeepCallerDirectoryWhenKafkaIsClosed(@TempDir Path dir) throws Exception {
        // Given
        EmbeddedKafka kafka = EmbeddedKafka.start(
                EmbeddedKafkaConfig.builder().dataDirectory(dir).build());
        kafka.createTopic("kept-topic", 1);

        // When
        kafka.close();

        // Then: the caller's directory is still there and can be started again, topic included
        assertThat(dir).isDirectory();
        assertThat(Files.list(dir).count()).isPositive();
        try (EmbeddedKafka again = EmbeddedKafka.start(
                EmbeddedKafkaConfig.builder().dataDirectory(dir).build())) {
            again.createTopic("kept-topic", 1);
            assertThatThrownBy(() -> again.createTopic("kept-topic", 2))
                    .isInstanceOf(StackSetupException.class)
                    .hasMessageContaining("exists with 1 partitions");
        }
    }

    private static MinioClient clients(EmbeddedS3 s3) {
        return MinioClients.sync(s3.endpoint(), s3.accessKey(), s3.secretKey(), s3.region());
    }
}

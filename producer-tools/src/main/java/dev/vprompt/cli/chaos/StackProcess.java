package dev.vprompt.cli.chaos;

import dev.vprompt.client.Connection;
import dev.vprompt.client.VpClientException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code vp stack} in its own JVM on fixed loopback ports and a data directory, so that it can be killed and started
 * again where clients left it, with the same records, offsets and objects. It is ready when its state file appears
 * (written after topics and buckets exist).
 *
 * <p>Not thread-safe: driven by the scenario thread.
 */
final class StackProcess {

    /** Test infrastructure, not the product: a serial collector and the client compiler start it fastest. */
    private static final List<String> JVM = List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final int kafkaPort;
    private final int s3Port;
    private final Path stateFile;
    private final ChildJvm jvm;

    StackProcess(Path workDir, int kafkaPort, int s3Port, int partitions) {
        this.kafkaPort = kafkaPort;
        this.s3Port = s3Port;
        this.stateFile = workDir.resolve("stack.env");
        this.jvm = new ChildJvm(
                "stack",
                JVM,
                List.of(
                        "stack",
                        "--data-dir",
                        workDir.resolve("stack-data").toString(),
                        "--kafka-port",
                        Integer.toString(kafkaPort),
                        "--s3-port",
                        Integer.toString(s3Port),
                        "--topics-partitions",
                        Integer.toString(partitions),
                        "--state-file",
                        stateFile.toString()),
                workDir.resolve("logs").resolve("stack.log"));
    }

    /** Starts the JVM and returns once Kafka and S3 serve the topics and buckets. */
    void start(Duration timeout) throws IOException, InterruptedException {
        Files.deleteIfExists(stateFile);
        jvm.start();
        boolean ready = Waits.until(() -> Files.exists(stateFile) || !jvm.alive(), timeout);
        if (!jvm.alive() || !ready) {
            jvm.kill();
            throw new VpClientException("vp stack did not start within " + timeout + "; see " + jvm.log());
        }
    }

    void kill() throws InterruptedException {
        jvm.kill();
    }

    void stop() throws InterruptedException {
        jvm.stop(Duration.ofSeconds(30));
    }

    ChildJvm jvm() {
        return jvm;
    }

    String bootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    URI s3Endpoint() {
        return URI.create("http://127.0.0.1:" + s3Port);
    }

    /** How a client reaches this stack: its ports, the default topics, buckets and keys of {@code vp stack}. */
    Connection connection(Duration timeout) {
        return new Connection(
                bootstrap(),
                s3Endpoint(),
                Connection.DEFAULT_ACCESS_KEY,
                Connection.DEFAULT_SECRET_KEY,
                Connection.DEFAULT_REGION,
                Connection.DEFAULT_JOBS_TOPIC,
                Connection.DEFAULT_COMPLETIONS_TOPIC,
                Connection.DEFAULT_DEAD_LETTER_TOPIC,
                Connection.DEFAULT_IMAGES_BUCKET,
                Connection.DEFAULT_RESULTS_BUCKET,
                timeout);
    }
}

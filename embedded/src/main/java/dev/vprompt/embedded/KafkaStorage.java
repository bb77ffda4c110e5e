package dev.vprompt.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats the log directory of a KRaft node before its first start, exactly as {@code kafka-storage.sh format -t <id>
 * -c <file>} does (Kafka's own {@link StorageTool}): a fresh cluster id, the latest production metadata version and a
 * bootstrap snapshot for the controller. A directory that already holds {@code meta.properties} is left as it is.
 *
 * <p>Thread-safe (stateless); never format one directory from two threads.
 */
final class KafkaStorage {

    private static final Logger LOGGER = LoggerFactory.getLogger(KafkaStorage.class);
    private static final String META_PROPERTIES = "meta.properties";

    private KafkaStorage() {}

    /** The node id a formatted directory was formatted for; empty for a fresh directory. */
    static OptionalInt formattedNodeId(Path logDir) {
        Path meta = logDir.resolve(META_PROPERTIES);
        if (!Files.exists(meta)) {
            return OptionalInt.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            properties.load(in);
            return OptionalInt.of(Integer.parseInt(properties.getProperty("node.id")));
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedStartException("unreadable Kafka storage metadata: " + meta, e);
        }
    }

    static void formatIfNeeded(Properties brokerProperties, Path logDir) throws IOException {
        if (Files.exists(logDir.resolve(META_PROPERTIES))) {
            LOGGER.debug("Kafka storage already formatted: dir={}", logDir);
            return;
        }
        Path configFile = Files.createTempFile("vprompt-kafka-", ".properties");
        try {
            try (OutputStream out = Files.newOutputStream(configFile)) {
                brokerProperties.store(out, "embedded Kafka broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int rc;
            try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()};
                rc = StorageTool.execute(args, print);
            }
            String text = output.toString(StandardCharsets.UTF_8).trim();
            if (rc != 0) {
                throw new IOException("kafka-storage format failed with status " + rc + ": " + text);
            }
            LOGGER.debug("Formatted Kafka storage: {}", text);
        } finally {
            Files.deleteIfExists(configFile);
        }
    }
}

package dev.vprompt.worker.internal.publish;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The largest record the worker may send to each topic: the producer's {@code max.request.size}, or the topic's
 * {@code max.message.bytes} when the broker says it is smaller (read once at startup; a topic whose configuration
 * cannot be read, because it does not exist yet or the worker may not describe it, gets the producer's limit).
 *
 * <p>Immutable and thread-safe.
 */
public final class TopicSizeLimits {

    private static final Logger LOGGER = LoggerFactory.getLogger(TopicSizeLimits.class);

    private final int producerMaxBytes;
    private final Map<String, Integer> topicMaxBytes;

    /**
     * @param producerMaxBytes the producer's {@code max.request.size}
     * @param topicMaxBytes {@code max.message.bytes} of the topics whose configuration is known
     */
    public TopicSizeLimits(int producerMaxBytes, Map<String, Integer> topicMaxBytes) {
        this.producerMaxBytes = producerMaxBytes;
        this.topicMaxBytes = Map.copyOf(topicMaxBytes);
    }

    /** The largest record (key, value, headers and framing) that may be sent to {@code topic}. */
    public int maxRecordBytes(String topic) {
        return Math.min(producerMaxBytes, topicMaxBytes.getOrDefault(topic, producerMaxBytes));
    }

    /**
     * Reads {@code max.message.bytes} of each topic from the broker, waiting at most {@code timeout}. Blocks: call it
     * while the worker starts, never on the event loop.
     *
     * @return the topics whose configuration could be read
     */
    public static Map<String, Integer> read(Admin admin, Collection<String> topics, Duration timeout) {
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                .toList();
        Map<String, Integer> out = new HashMap<>();
        admin.describeConfigs(resources).values().forEach((resource, future) -> {
            try {
                Config config = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                ConfigEntry e = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                if (e != null && e.value() != null) {
                    out.put(resource.name(), Integer.parseInt(e.value()));
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            } catch (Exception ex) {
                LOGGER.warn(
                        "cannot read max.message.bytes of topic {} ({}); records to it are bounded by the producer's"
                                + " max.request.size",
                        resource.name(),
                        ex.toString());
            }
        });
        return out;
    }
}

package dev.vprompt.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Checks up front, through the Admin API, that Kafka answers and the topics exist, so that a command fails in
 * seconds with "cannot reach Kafka at ..." or "topic ... does not exist" instead of a client's generic metadata
 * timeout (which says the same for both).
 *
 * <p>Thread-safe (stateless; one short-lived Admin client per call).
 */
public final class KafkaCheck {

    private KafkaCheck() {}

    /**
     * @return the partition count of each topic
     * @throws VpClientException when Kafka does not answer within the connection's timeout or a topic is missing
     */
    public static Map<String, Integer> requireTopics(Connection c, String... topics) {
        long deadline = System.nanoTime() + c.timeout().toNanos();
        try (Admin admin = Admin.create(c.adminProperties("vp-check-" + UUID.randomUUID()))) {
            Map<String, KafkaFuture<TopicDescription>> futures =
                    admin.describeTopics(List.of(topics)).topicNameValues();
            Map<String, Integer> partitions = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            for (String topic : topics) {
                try {
                    long left = Math.max(1, deadline - System.nanoTime());
                    TopicDescription d = futures.get(topic).get(left, TimeUnit.NANOSECONDS);
                    partitions.put(topic, d.partitions().size());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                    missing.add(topic);
                }
            }
            if (!missing.isEmpty()) {
                throw new VpClientException("topic " + String.join(", ", missing) + " does not exist at "
                        + c.bootstrap() + " (vp stack creates " + Connection.DEFAULT_JOBS_TOPIC + ", "
                        + Connection.DEFAULT_COMPLETIONS_TOPIC + ", " + Connection.DEFAULT_DEAD_LETTER_TOPIC + ")");
            }
            return partitions;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(c, e.getCause());
            }
            throw new VpClientException(
                    "Kafka at " + c.bootstrap() + " failed: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw unreachable(c, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VpClientException("interrupted while contacting Kafka", e);
        }
    }

    static VpClientException unreachable(Connection c, Throwable cause) {
        return new VpClientException(
                "cannot reach Kafka at " + c.bootstrap() + " within " + Durations.format(c.timeout()), cause);
    }
}

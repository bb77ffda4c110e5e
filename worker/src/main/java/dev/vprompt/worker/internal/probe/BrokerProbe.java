package dev.vprompt.worker.internal.probe;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Probes the Kafka cluster through the admin client: the cluster's nodes (connection and authentication), then the
 * worker's topics (the worker may describe them, as its producer and consumer must). A topic that does not exist yet
 * is not a failure: a broker that creates topics on first use answers so until then.
 *
 * <p>Thread-safe (the admin client is); futures complete on the admin client's thread.
 */
public final class BrokerProbe implements Probe {

    private final Admin admin;
    private final List<String> topics;
    private final int timeoutMs;

    public BrokerProbe(Admin admin, Collection<String> topics, Duration timeout) {
        this.admin = admin;
        this.topics = List.copyOf(topics);
        this.timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    @Override
    public CompletableFuture<Void> check() {
        return admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                .nodes()
                .toCompletionStage()
                .toCompletableFuture()
                .thenCompose(nodes -> admin.describeTopics(topics, new DescribeTopicsOptions().timeoutMs(timeoutMs))
                        .allTopicNames()
                        .toCompletionStage()
                        .toCompletableFuture()
                        .<Void>thenApply(d -> null)
                        .exceptionallyCompose(e -> unknownTopic(e)
                                ? CompletableFuture.completedFuture(null)
                                : CompletableFuture.failedFuture(e)));
    }

    private static boolean unknownTopic(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof UnknownTopicOrPartitionException) {
                return true;
            }
        }
        return false;
    }
}

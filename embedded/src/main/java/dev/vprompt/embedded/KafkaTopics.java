package dev.vprompt.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Idempotent topic creation through the Admin API, for any broker (embedded or a container): creates what is missing,
 * accepts what exists with the same partition count, and returns only when every partition has a leader that serves
 * requests, so the first produce does not race the broker.
 *
 * <p>A leader in the metadata is not enough: a KRaft broker publishes a new topic to its metadata cache before its
 * replica manager has created the partition, and a produce in between fails with {@code NOT_LEADER_OR_FOLLOWER}. An
 * idempotent producer with several requests in flight then sees its first batch rejected while a later batch, sent a
 * moment after, is appended; Kafka brokers before 4.5 accept any first sequence from a producer they have no state
 * for, so the retried first batch is refused with {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until {@code
 * delivery.timeout.ms} drops it (KAFKA-15591). Waiting until every partition answers a leader-only request ({@code
 * ListOffsets}) closes that window.
 *
 * <p>Thread-safe (stateless; one short-lived Admin client per call).
 */
final class KafkaTopics {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    private KafkaTopics() {}

    static void create(String bootstrap, int partitions, Collection<String> names, Duration timeout) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        if (names.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "vprompt-embedded-admin"))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                topics.add(new NewTopic(name, Optional.of(partitions), Optional.empty()));
            }
            Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                awaitCreated(result.getKey(), result.getValue(), deadline);
            }
            for (String name : names) {
                awaitLeaders(admin, name, partitions, deadline);
            }
            awaitServingLeaders(admin, names, partitions, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackSetupException("interrupted while creating topics " + names, e);
        }
    }

    private static void awaitCreated(String name, KafkaFuture<Void> future, long deadline) throws InterruptedException {
        try {
            future.get(remainingMillis(deadline, name), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new StackSetupException("cannot create topic " + name, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new StackSetupException("topic " + name + " was not created in time", e);
        }
    }

    private static void awaitLeaders(Admin admin, String name, int partitions, long deadline)
            throws InterruptedException {
        while (true) {
            Optional<TopicDescription> description = describe(admin, name, deadline);
            if (description.isPresent()) {
                List<TopicPartitionInfo> infos = description.get().partitions();
                if (infos.size() != partitions) {
                    throw new StackSetupException("topic " + name + " exists with " + infos.size() + " partitions, "
                            + partitions + " were requested");
                }
                if (infos.stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            }
            remainingMillis(deadline, name);
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /** Returns once every partition's leader answers {@code ListOffsets}, which it refuses until it leads. */
    private static void awaitServingLeaders(Admin admin, Collection<String> names, int partitions, long deadline)
            throws InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String name : names) {
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(name, p), OffsetSpec.latest());
            }
        }
        String what = String.join(", ", names);
        while (true) {
            try {
                admin.listOffsets(request).all().get(remainingMillis(deadline, what), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw new StackSetupException("cannot read the offsets of " + what, e.getCause());
                }
            } catch (TimeoutException e) {
                throw new StackSetupException("the leaders of " + what + " did not serve requests in time", e);
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private static Optional<TopicDescription> describe(Admin admin, String name, long deadline)
            throws InterruptedException {
        try {
            return Optional.of(admin.describeTopics(List.of(name))
                    .allTopicNames()
                    .get(remainingMillis(deadline, name), TimeUnit.MILLISECONDS)
                    .get(name));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw new StackSetupException("cannot describe topic " + name, e.getCause());
        } catch (TimeoutException e) {
            throw new StackSetupException("topic " + name + " did not become usable in time", e);
        }
    }

    private static long remainingMillis(long deadline, String name) {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
            throw new StackSetupException("topic " + name + " did not become usable in time");
        }
        return remaining;
    }
}

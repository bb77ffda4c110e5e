package dev.vprompt.worker.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import dev.vprompt.client.KafkaClientProperties;
import dev.vprompt.common.Problems;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Where jobs come from and where completions and dead letters go. Build it with {@link #builder()} (only
 * {@code bootstrapServers} has no default); validated as part of {@link WorkerConfig}.
 *
 * @param bootstrapServers Kafka bootstrap address (required)
 * @param jobsTopic topic of {@code PromptJob} events
 * @param completionsTopic topic of {@code PromptCompleted} events (key = jobId)
 * @param deadLetterTopic topic of {@code DeadLetter} envelopes for records that can never succeed
 * @param groupId consumer group (or share group in share mode); add workers to the group to scale out
 * @param consumerMode {@code group}: a consumer group, each partition read by one worker, offsets committed in order;
 *     {@code share}: a share group (KIP-932), records handed out one by one to any number of workers and acknowledged
 *     per record (see the worker README, "Consumer modes")
 * @param maxPollRecords upper bound of records returned by one poll; in share mode also the most records one worker
 *     holds acquired at once. {@link WorkerConfig} caps it at half of {@code pipeline.maxInFlight}, since the consumer
 *     polls only when a whole poll fits under that bound
 * @param delivery {@code at-least-once} (default): a completion event is sent when its job ends and the job's offset is
 *     committed after the broker acknowledged it, so a crash between the two repeats the job and its event;
 *     {@code exactly-once}: a Kafka transaction per commit carries the completion events and dead letters of the
 *     finished jobs together with their consumed offsets, so a {@code read_committed} reader sees each job's event once
 *     (see the worker README, "Delivery"); consumer-group mode only
 * @param transactionalId the producer's {@code transactional.id} in exactly-once mode; blank: derived from the group
 *     and {@code workerId}. Give each worker a stable one (a StatefulSet pod name), so that a restarted worker fences
 *     its predecessor at once and aborts the transaction it left open
 * @param commitInterval how often completed offsets are committed (in exactly-once mode: how often a transaction is
 *     committed, which is also how long a finished job's events may wait to be seen; when not set, 500 ms at least
 *     once and 100 ms exactly once)
 * @param clientProperties extra Kafka client properties (TLS, SASL, tuning), applied to consumer and producer under
 *     the worker's own delivery-critical ones, which they may not override (refused at startup; the list is in
 *     worker/README.md). Secrets need not be written here: Kafka's config providers
 *     resolve {@code ${env:NAME}} or {@code ${file:PATH:KEY}}; {@link #toString()} hides every secret value
 */
@JsonDeserialize(builder = KafkaSettings.Builder.class)
public record KafkaSettings(
        String bootstrapServers,
        String jobsTopic,
        String completionsTopic,
        String deadLetterTopic,
        String groupId,
        String consumerMode,
        int maxPollRecords,
        String delivery,
        String transactionalId,
        Duration commitInterval,
        Map<String, String> clientProperties) {

    public static final String DEFAULT_JOBS_TOPIC = "vp.jobs";
    public static final String DEFAULT_COMPLETIONS_TOPIC = "vp.completions";
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "vp.jobs.dlq";
    public static final String DEFAULT_GROUP_ID = "vprompt-workers";
    /** Consumer mode: a classic consumer group with per-partition order. */
    public static final String CONSUMER_MODE_GROUP = "group";
    /** Consumer mode: a share group, any number of workers per partition, per-record acknowledgement. */
    public static final String CONSUMER_MODE_SHARE = "share";

    public static final String DEFAULT_CONSUMER_MODE = CONSUMER_MODE_GROUP;
    /** Half the default {@code pipeline.maxInFlight}, so polling resumes as soon as back-pressure lifts. */
    public static final int DEFAULT_MAX_POLL_RECORDS = 128;

    /** Delivery: an event per finished job, its offset committed after the broker acknowledged the event. */
    public static final String DELIVERY_AT_LEAST_ONCE = "at-least-once";
    /** Delivery: events and consumed offsets committed together in one Kafka transaction. */
    public static final String DELIVERY_EXACTLY_ONCE = "exactly-once";

    public static final String DEFAULT_DELIVERY = DELIVERY_AT_LEAST_ONCE;

    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(500);
    /**
     * The commit interval of exactly-once delivery when none is set: a job's events become visible only when they
     * commit, so commits are more frequent (as Kafka Streams' exactly-once default).
     */
    public static final Duration DEFAULT_EXACTLY_ONCE_COMMIT_INTERVAL = Duration.ofMillis(100);
    /** A transactional id is a key of the broker's transaction log: kept short. */
    public static final int MAX_TRANSACTIONAL_ID_LENGTH = 249;

    public KafkaSettings {
        clientProperties = clientProperties == null ? null : Map.copyOf(clientProperties);
        consumerMode = consumerMode == null ? null : consumerMode.toLowerCase(Locale.ROOT);
        delivery = delivery == null ? null : delivery.toLowerCase(Locale.ROOT);
        transactionalId = transactionalId == null || transactionalId.isBlank() ? null : transactionalId.strip();
    }

    /**
     * Why {@code value} is not a delivery mode, as a problem of the setting {@code name}; null when it is one. Every
     * place that takes a delivery mode (this section, {@code vp chaos}, {@code vp bench pipeline}) checks it here.
     */
    public static String deliveryProblem(String name, String value) {
        return DELIVERY_AT_LEAST_ONCE.equals(value) || DELIVERY_EXACTLY_ONCE.equals(value)
                ? null
                : name + " must be " + DELIVERY_AT_LEAST_ONCE + " or " + DELIVERY_EXACTLY_ONCE + ", was " + value;
    }

    /** Whether completions and offsets commit together in Kafka transactions ({@code delivery: exactly-once}). */
    public boolean exactlyOnce() {
        return DELIVERY_EXACTLY_ONCE.equals(delivery);
    }

    /** The {@code transactional.id} of a worker named {@code workerId}: the configured one, else derived. */
    public String transactionalIdFor(String workerId) {
        return transactionalId != null ? transactionalId : "vp-tx-" + groupId + "-" + workerId;
    }

    /** Whether jobs are consumed through a share group ({@code consumerMode: share}). */
    public boolean shareMode() {
        return CONSUMER_MODE_SHARE.equals(consumerMode);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder()
                .bootstrapServers(bootstrapServers)
                .topics(jobsTopic, completionsTopic, deadLetterTopic)
                .groupId(groupId)
                .consumerMode(consumerMode)
                .maxPollRecords(maxPollRecords)
                .delivery(delivery)
                .transactionalId(transactionalId)
                .commitInterval(commitInterval)
                .clientProperties(clientProperties);
    }

    void validate(Problems p) {
        p.requireText(bootstrapServers, "kafka.bootstrapServers");
        p.requireText(jobsTopic, "kafka.jobsTopic");
        p.requireText(completionsTopic, "kafka.completionsTopic");
        p.requireText(deadLetterTopic, "kafka.deadLetterTopic");
        p.requireText(groupId, "kafka.groupId");
        p.require(
                CONSUMER_MODE_GROUP.equals(consumerMode) || CONSUMER_MODE_SHARE.equals(consumerMode),
                "kafka.consumerMode must be group or share, was " + consumerMode);
        p.requirePositive(maxPollRecords, "kafka.maxPollRecords");
        String deliveryProblem = deliveryProblem("kafka.delivery", delivery);
        p.require(deliveryProblem == null, deliveryProblem);
        p.require(
                !(exactlyOnce() && shareMode()),
                "kafka.delivery exactly-once needs kafka.consumerMode group: a share group's acknowledgements cannot"
                        + " join a transaction");
        p.require(
                transactionalId == null || transactionalId.length() <= MAX_TRANSACTIONAL_ID_LENGTH,
                "kafka.transactionalId must be at most " + MAX_TRANSACTIONAL_ID_LENGTH + " characters");
        p.requirePositive(commitInterval, "kafka.commitInterval");
        p.require(clientProperties != null, "kafka.clientProperties must not be null");
        p.require(
                jobsTopic == null || (!jobsTopic.equals(completionsTopic) && !jobsTopic.equals(deadLetterTopic)),
                "kafka.jobsTopic must differ from the completions and dead-letter topics");
        if (clientProperties != null) {
            p.addAll(DeliveryProperties.problems(clientProperties));
        }
    }

    /** Every value but the secret client properties (passwords, JAAS configs, keys, tokens), which are hidden. */
    @Override
    public String toString() {
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", jobsTopic=" + jobsTopic
                + ", completionsTopic=" + completionsTopic + ", deadLetterTopic=" + deadLetterTopic + ", groupId="
                + groupId + ", consumerMode=" + consumerMode + ", maxPollRecords=" + maxPollRecords + ", delivery="
                + delivery
                + ", transactionalId=" + transactionalId + ", commitInterval=" + commitInterval
                + ", clientProperties="
                + (clientProperties == null ? null : KafkaClientProperties.redacted(clientProperties)) + "]";
    }

    /** Starts from the defaults; also reads the {@code kafka} section of the YAML. Not thread-safe. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String bootstrapServers;
        private String jobsTopic = DEFAULT_JOBS_TOPIC;
        private String completionsTopic = DEFAULT_COMPLETIONS_TOPIC;
        private String deadLetterTopic = DEFAULT_DEAD_LETTER_TOPIC;
        private String groupId = DEFAULT_GROUP_ID;
        private String consumerMode = DEFAULT_CONSUMER_MODE;
        private int maxPollRecords = DEFAULT_MAX_POLL_RECORDS;
        private String delivery = DEFAULT_DELIVERY;
        private String transactionalId;
        private Duration commitInterval; // null: the delivery's default
        private Map<String, String> clientProperties = Map.of();

        Builder() {}

        public Builder bootstrapServers(String value) {
            bootstrapServers = value;
            return this;
        }

        /** The jobs, completions and dead-letter topics at once. */
        public Builder topics(String jobs, String completions, String deadLetters) {
            return jobsTopic(jobs).completionsTopic(completions).deadLetterTopic(deadLetters);
        }

        public Builder jobsTopic(String value) {
            jobsTopic = value;
            return this;
        }

        public Builder completionsTopic(String value) {
            completionsTopic = value;
            return this;
        }

        public Builder deadLetterTopic(String value) {
            deadLetterTopic = value;
            return this;
        }

        public Builder groupId(String value) {
            groupId = value;
            return this;
        }

        /** {@value KafkaSettings#CONSUMER_MODE_GROUP} (default) or {@value KafkaSettings#CONSUMER_MODE_SHARE}. */
        public Builder consumerMode(String value) {
            consumerMode = value;
            return this;
        }

        public Builder maxPollRecords(int value) {
            maxPollRecords = value;
            return this;
        }

        /** {@value KafkaSettings#DELIVERY_AT_LEAST_ONCE} (default) or {@value KafkaSettings#DELIVERY_EXACTLY_ONCE}. */
        public Builder delivery(String value) {
            delivery = value;
            return this;
        }

        /** The producer's {@code transactional.id} in exactly-once mode; null or blank derives one. */
        public Builder transactionalId(String value) {
            transactionalId = value;
            return this;
        }

        public Builder commitInterval(Duration value) {
            commitInterval = value;
            return this;
        }

        public Builder clientProperties(Map<String, String> value) {
            clientProperties = value;
            return this;
        }

        public KafkaSettings build() {
            return new KafkaSettings(
                    bootstrapServers,
                    jobsTopic,
                    completionsTopic,
                    deadLetterTopic,
                    groupId,
                    consumerMode,
                    maxPollRecords,
                    delivery,
                    transactionalId,
                    commitInterval != null
                            ? commitInterval
                            : DELIVERY_EXACTLY_ONCE.equalsIgnoreCase(String.valueOf(delivery))
                                    ? DEFAULT_EXACTLY_ONCE_COMMIT_INTERVAL
                                    : DEFAULT_COMMIT_INTERVAL,
                    clientProperties);
        }
    }
}

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
 * @param commitInterval how often completed offsets are committed
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

    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(500);

    public KafkaSettings {
        clientProperties = clientProperties == null ? null : Map.copyOf(clientProperties);
        consumerMode = consumerMode == null ? null : consumerMode.toLowerCase(Locale.ROOT);
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
                + groupId + ", maxPollRecords=" + maxPollRecords + ", commitInterval=" + commitInterval
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
        private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
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
                    commitInterval,
                    clientProperties);
        }
    }
}

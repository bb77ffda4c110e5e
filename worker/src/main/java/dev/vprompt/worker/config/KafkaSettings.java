package dev.vprompt.worker.config;

import dev.vprompt.common.Problems;
import java.time.Duration;
import java.util.Map;

/**
 * Where jobs come from and where completions and dead letters go.
 *
 * @param bootstrapServers Kafka bootstrap address (required)
 * @param jobsTopic topic of {@code PromptJob} events
 * @param completionsTopic topic of {@code PromptCompleted} events (key = jobId)
 * @param deadLetterTopic topic of {@code DeadLetter} envelopes for records that can never succeed
 * @param groupId consumer group; add workers to the group to scale out
 * @param maxPollRecords upper bound of records returned by one poll
 * @param commitInterval how often completed offsets are committed
 * @param clientProperties extra Kafka client properties, applied to consumer and producer
 */
public record KafkaSettings(
        String bootstrapServers,
        String jobsTopic,
        String completionsTopic,
        String deadLetterTopic,
        String groupId,
        Integer maxPollRecords,
        Duration commitInterval,
        Map<String, String> clientProperties) {

    public static final String DEFAULT_JOBS_TOPIC = "vp.jobs";
    public static final String DEFAULT_COMPLETIONS_TOPIC = "vp.completions";
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "vp.jobs.dlq";
    public static final String DEFAULT_GROUP_ID = "vprompt-workers";
    public static final int DEFAULT_MAX_POLL_RECORDS = 500;
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(500);

    public KafkaSettings {
        jobsTopic = jobsTopic == null ? DEFAULT_JOBS_TOPIC : jobsTopic;
        completionsTopic = completionsTopic == null ? DEFAULT_COMPLETIONS_TOPIC : completionsTopic;
        deadLetterTopic = deadLetterTopic == null ? DEFAULT_DEAD_LETTER_TOPIC : deadLetterTopic;
        groupId = groupId == null ? DEFAULT_GROUP_ID : groupId;
        maxPollRecords = maxPollRecords == null ? DEFAULT_MAX_POLL_RECORDS : maxPollRecords;
        commitInterval = commitInterval == null ? DEFAULT_COMMIT_INTERVAL : commitInterval;
        clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
    }

    void validate(Problems p) {
        p.requireText(bootstrapServers, "kafka.bootstrapServers");
        p.requireText(jobsTopic, "kafka.jobsTopic");
        p.requireText(completionsTopic, "kafka.completionsTopic");
        p.requireText(deadLetterTopic, "kafka.deadLetterTopic");
        p.requireText(groupId, "kafka.groupId");
        p.requirePositive(maxPollRecords, "kafka.maxPollRecords");
        p.requirePositive(commitInterval, "kafka.commitInterval");
        p.require(
                !jobsTopic.equals(completionsTopic) && !jobsTopic.equals(deadLetterTopic),
                "kafka.jobsTopic must differ from the completions and dead-letter topics");
    }
}

package dev.vprompt.embedded;

import dev.vprompt.embedded.client.S3ClientFactory;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.util.List;

/**
 * Creates topics and buckets on any running stack, embedded or in containers, through the public protocols only
 * (Kafka Admin API, S3 API). Both operations are idempotent and return when the resources are usable.
 *
 * <p>Thread-safe (stateless; short-lived clients per call).
 */
public final class StackSetup {

    private StackSetup() {}

    /**
     * Creates each topic with {@code partitions} partitions unless it exists with that count.
     *
     * @throws StackSetupException when a topic exists with another count or is not usable within
     *     {@link EmbeddedKafka#TOPIC_TIMEOUT}
     */
    public static void createTopics(StackEndpoints endpoints, int partitions, String... topics) {
        KafkaTopics.create(endpoints.kafkaBootstrap(), partitions, List.of(topics), EmbeddedKafka.TOPIC_TIMEOUT);
    }

    /**
     * Creates each bucket unless it exists.
     *
     * @throws StackSetupException when the S3 server refuses
     */
    public static void createBuckets(StackEndpoints endpoints, String... buckets) {
        try (S3ClientFactory factory = new S3ClientFactory(
                endpoints.s3Endpoint(), endpoints.s3AccessKey(), endpoints.s3SecretKey(), endpoints.s3Region())) {
            MinioClient client = factory.client();
            for (String bucket : buckets) {
                if (!client.bucketExists(
                        BucketExistsArgs.builder().bucket(bucket).build())) {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                }
            }
        } catch (Exception e) {
            throw new StackSetupException(
                    "cannot create buckets " + List.of(buckets) + " at " + endpoints.s3Endpoint(), e);
        }
    }
}

package dev.vprompt.embedded;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.util.List;

/**
 * Creates topics and buckets on any running stack, embedded or in containers, through the public protocols only
 * (Kafka Admin API, S3 API). Both operations are idempotent and return when the resources are usable. A handful of
 * administrative calls needs none of the tuning of {@code vprompt-client}'s S3 builder, so the plain MinIO client is
 * used (closing it releases its connection pool and threads); this module does not depend on the client module,
 * whose tests run against this one.
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
        try (MinioClient client = MinioClient.builder()
                .endpoint(endpoints.s3Endpoint().toString())
                .credentials(endpoints.s3AccessKey(), endpoints.s3SecretKey())
                .region(endpoints.s3Region())
                .build()) {
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

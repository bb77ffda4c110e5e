package dev.vprompt.embedded.junit;

import dev.vprompt.embedded.EmbeddedS3Config;
import dev.vprompt.embedded.EmbeddedStartException;
import dev.vprompt.embedded.StackEndpoints;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;

/**
 * Kafka ({@code apache/kafka}, the version the embedded broker runs) and MinIO ({@code minio/minio}) in
 * Docker, started in parallel by Testcontainers. Images can be overridden with the system properties {@value
 * #KAFKA_IMAGE_PROPERTY} and {@value #MINIO_IMAGE_PROPERTY}.
 *
 * <p>Refers to Testcontainers classes: load it only after {@link TestcontainersSupport#dockerAvailable()} said yes.
 * Thread-safe; {@link #close()} is idempotent.
 */
final class ContainerStack implements RunningStack {

    static final String KAFKA_IMAGE_PROPERTY = "vprompt.stack.kafka-image";
    static final String MINIO_IMAGE_PROPERTY = "vprompt.stack.minio-image";
    /** The broker version of the embedded stack ({@code kafka.version} in the parent pom); keep them in step. */
    static final String DEFAULT_KAFKA_IMAGE = "apache/kafka:4.4.0";

    static final String DEFAULT_MINIO_IMAGE = "minio/minio:RELEASE.2023-09-04T19-57-37Z";

    private final KafkaContainer kafka;
    private final MinIOContainer minio;
    private final StackEndpoints endpoints;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ContainerStack(KafkaContainer kafka, MinIOContainer minio) {
        this.kafka = kafka;
        this.minio = minio;
        this.endpoints = new StackEndpoints(
                kafka.getBootstrapServers(),
                URI.create(minio.getS3URL()),
                minio.getUserName(),
                minio.getPassword(),
                EmbeddedS3Config.DEFAULT_REGION,
                StackEndpoints.KIND_TESTCONTAINERS);
    }

    /** Returns the interface type so that callers never need this class resolved unless they take this path. */
    static RunningStack start() {
        String kafkaImage = System.getProperty(KAFKA_IMAGE_PROPERTY, DEFAULT_KAFKA_IMAGE);
        String minioImage = System.getProperty(MINIO_IMAGE_PROPERTY, DEFAULT_MINIO_IMAGE);
        KafkaContainer kafka = new KafkaContainer(kafkaImage);
        MinIOContainer minio = new MinIOContainer(minioImage)
                .withUserName(EmbeddedS3Config.DEFAULT_ACCESS_KEY)
                .withPassword(EmbeddedS3Config.DEFAULT_SECRET_KEY);
        try {
            Startables.deepStart(kafka, minio).join();
            return new ContainerStack(kafka, minio);
        } catch (RuntimeException e) {
            kafka.stop();
            minio.stop();
            throw new EmbeddedStartException("cannot start " + kafkaImage + " and " + minioImage, e);
        }
    }

    @Override
    public StackEndpoints endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                minio.stop();
            } finally {
                kafka.stop();
            }
        }
    }
}

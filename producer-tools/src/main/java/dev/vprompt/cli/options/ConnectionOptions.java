package dev.vprompt.cli.options;

import dev.vprompt.client.Connection;
import dev.vprompt.client.ConnectionResolver;
import dev.vprompt.client.EnvNames;
import dev.vprompt.client.KafkaClientProperties;
import dev.vprompt.client.StackFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The connection flags every client command shares; use as a picocli {@code @Mixin}. Each value is taken from, in
 * order: the flag, the {@code VP_*} environment variable ({@link EnvNames}), the file a running {@code vp stack}
 * wrote ({@link StackFile}), the default (which matches the worker's README: Kafka on 127.0.0.1:9092, S3 on
 * 127.0.0.1:9000); the library's {@link ConnectionResolver} does the resolving, the flags are what this class adds.
 *
 * <p>Not thread-safe: picocli fills it on the parsing thread; call {@link #connection()} from that thread.
 */
public final class ConnectionOptions {

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (env " + EnvNames.BOOTSTRAP + "; default: the running vp stack, "
                    + "else " + Connection.DEFAULT_BOOTSTRAP + ")")
    String bootstrap;

    @Option(
            names = "--s3-endpoint",
            paramLabel = "URL",
            description = "S3 endpoint (env " + EnvNames.S3_ENDPOINT + "; default: the running vp stack, else "
                    + Connection.DEFAULT_S3_ENDPOINT + ")")
    String s3Endpoint;

    @Option(
            names = "--s3-access-key",
            paramLabel = "KEY",
            description = "S3 access key (env " + EnvNames.S3_ACCESS_KEY + ")")
    String accessKey;

    @Option(
            names = "--s3-secret-key",
            paramLabel = "SECRET",
            description = "S3 secret key (env " + EnvNames.S3_SECRET_KEY + "; prefer the environment)")
    String secretKey;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "S3 region (env " + EnvNames.S3_REGION + "; default " + Connection.DEFAULT_REGION + ")")
    String region;

    @Option(
            names = "--jobs-topic",
            paramLabel = "TOPIC",
            description =
                    "PromptJob topic (env " + EnvNames.JOBS_TOPIC + "; default " + Connection.DEFAULT_JOBS_TOPIC + ")")
    String jobsTopic;

    @Option(
            names = "--completions-topic",
            paramLabel = "TOPIC",
            description = "PromptCompleted topic (env " + EnvNames.COMPLETIONS_TOPIC + "; default "
                    + Connection.DEFAULT_COMPLETIONS_TOPIC + ")")
    String completionsTopic;

    @Option(
            names = "--dead-letter-topic",
            paramLabel = "TOPIC",
            description = "dead-letter topic (env " + EnvNames.DEAD_LETTER_TOPIC + "; default "
                    + Connection.DEFAULT_DEAD_LETTER_TOPIC + ")")
    String deadLetterTopic;

    @Option(
            names = "--images-bucket",
            paramLabel = "BUCKET",
            description = "bucket for uploaded images (env " + EnvNames.IMAGES_BUCKET + "; default "
                    + Connection.DEFAULT_IMAGES_BUCKET + ")")
    String imagesBucket;

    @Option(
            names = "--results-bucket",
            paramLabel = "BUCKET",
            description = "bucket the worker writes results to (env " + EnvNames.RESULTS_BUCKET + "; default "
                    + Connection.DEFAULT_RESULTS_BUCKET + ")")
    String resultsBucket;

    @Option(
            names = "--kafka-config",
            paramLabel = "FILE",
            description =
                    "Kafka client properties (TLS, SASL, tuning) for every Kafka client of the command, as Kafka's"
                            + " own tools take them; secrets may stay out of the file with config providers ($${env:NAME})")
    Path kafkaConfig;

    @Option(
            names = "--connect-timeout",
            paramLabel = "DURATION",
            description = "how long to wait for an unreachable Kafka before giving up (default 15s)")
    Duration timeout;

    /** Resolves against the process environment and the default stack file. */
    public Connection connection() {
        return withKafkaConfig(ConnectionResolver.fromProcess().resolve(flags(), timeout));
    }

    /** Resolves: flag, then {@code env}, then {@code stackFile} variables, then the defaults. */
    public Connection resolve(Map<String, String> env, Map<String, String> stackFile) {
        return withKafkaConfig(new ConnectionResolver(env, stackFile).resolve(flags(), timeout));
    }

    private Connection withKafkaConfig(Connection c) {
        return kafkaConfig == null ? c : c.withKafkaProperties(KafkaClientProperties.load(kafkaConfig));
    }

    /** The flags given, by the name of the variable they override (null values for flags not given). */
    private Map<String, String> flags() {
        Map<String, String> flags = new HashMap<>();
        flags.put(EnvNames.BOOTSTRAP, bootstrap);
        flags.put(EnvNames.S3_ENDPOINT, s3Endpoint);
        flags.put(EnvNames.S3_ACCESS_KEY, accessKey);
        flags.put(EnvNames.S3_SECRET_KEY, secretKey);
        flags.put(EnvNames.S3_REGION, region);
        flags.put(EnvNames.JOBS_TOPIC, jobsTopic);
        flags.put(EnvNames.COMPLETIONS_TOPIC, completionsTopic);
        flags.put(EnvNames.DEAD_LETTER_TOPIC, deadLetterTopic);
        flags.put(EnvNames.IMAGES_BUCKET, imagesBucket);
        flags.put(EnvNames.RESULTS_BUCKET, resultsBucket);
        return flags;
    }
}

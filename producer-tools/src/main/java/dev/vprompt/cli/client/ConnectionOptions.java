package dev.vprompt.cli.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The connection flags every client command shares; use as a picocli {@code @Mixin}. Each value is taken from, in
 * order: the flag, the {@code VP_*} environment variable ({@link EnvNames}), the file a running {@code vp stack}
 * wrote ({@link StackFile}), the default (which matches the worker's README: Kafka on 127.0.0.1:9092, S3 on
 * 127.0.0.1:9000).
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
            names = "--connect-timeout",
            paramLabel = "DURATION",
            description = "how long to wait for an unreachable Kafka before giving up (default 15s)")
    Duration timeout;

    /** Resolves against the process environment and the default stack file. */
    public Connection connection() {
        Map<String, String> env = System.getenv();
        return resolve(env, StackFile.defaultLocation(env).read());
    }

    /** Resolves: flag, then {@code env}, then {@code stackFile} variables, then the defaults. */
    public Connection resolve(Map<String, String> env, Map<String, String> stackFile) {
        Function<String, String> lookup = name -> {
            String v = env.get(name);
            return v != null && !v.isBlank() ? v : stackFile.get(name);
        };
        return new Connection(
                pick(bootstrap, lookup.apply(EnvNames.BOOTSTRAP), Connection.DEFAULT_BOOTSTRAP),
                URI.create(pick(s3Endpoint, lookup.apply(EnvNames.S3_ENDPOINT), Connection.DEFAULT_S3_ENDPOINT)),
                pick(accessKey, lookup.apply(EnvNames.S3_ACCESS_KEY), Connection.DEFAULT_ACCESS_KEY),
                pick(secretKey, lookup.apply(EnvNames.S3_SECRET_KEY), Connection.DEFAULT_SECRET_KEY),
                pick(region, lookup.apply(EnvNames.S3_REGION), Connection.DEFAULT_REGION),
                pick(jobsTopic, lookup.apply(EnvNames.JOBS_TOPIC), Connection.DEFAULT_JOBS_TOPIC),
                pick(completionsTopic, lookup.apply(EnvNames.COMPLETIONS_TOPIC), Connection.DEFAULT_COMPLETIONS_TOPIC),
                pick(deadLetterTopic, lookup.apply(EnvNames.DEAD_LETTER_TOPIC), Connection.DEFAULT_DEAD_LETTER_TOPIC),
                pick(imagesBucket, lookup.apply(EnvNames.IMAGES_BUCKET), Connection.DEFAULT_IMAGES_BUCKET),
                pick(resultsBucket, lookup.apply(EnvNames.RESULTS_BUCKET), Connection.DEFAULT_RESULTS_BUCKET),
                timeout == null ? Connection.DEFAULT_TIMEOUT : timeout);
    }

    private static String pick(String flag, String fromEnvironment, String fallback) {
        if (flag != null && !flag.isBlank()) {
            return flag;
        }
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : fallback;
    }
}

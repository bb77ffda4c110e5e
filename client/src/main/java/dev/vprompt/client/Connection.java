package dev.vprompt.client;

import dev.vprompt.client.s3.S3ClientFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Where a vprompt deployment is: the Kafka bootstrap address and topics, the S3 endpoint, credentials and buckets.
 * Validated on construction ({@link IllegalArgumentException} listing every problem). Immutable and thread-safe.
 *
 * <p>Three ways to get one: {@link #fromEnvironment()} (the {@code VP_*} variables, else the file a running {@code vp
 * stack} wrote, else the defaults; see {@link ConnectionResolver}), {@link #of(String, URI, String, String, String)}
 * (an endpoint pair with the default topics and buckets), or the canonical constructor.
 *
 * @param bootstrap Kafka {@code bootstrap.servers}
 * @param s3Endpoint S3 endpoint URL, {@code http(s)://host:port}
 * @param s3AccessKey S3 access key
 * @param s3SecretKey S3 secret key (never printed by {@link #toString()})
 * @param region S3 signing region
 * @param jobsTopic topic of {@code PromptJob} events
 * @param completionsTopic topic of {@code PromptCompleted} events
 * @param deadLetterTopic topic of dead letters
 * @param imagesBucket bucket uploads go to
 * @param resultsBucket bucket the worker writes results to
 * @param timeout how long a client call may block on an unreachable Kafka before failing
 * @param kafkaProperties extra Kafka client properties (TLS, SASL, tuning; e.g. from {@code --kafka-config FILE}),
 *     applied to every producer, consumer and admin client over the connection's own tuning; the properties that
 *     decide where and how records are read and written ({@link #OWNED_KAFKA_PROPERTIES}) are refused. Secret
 *     values are never printed by {@link #toString()}
 */
public record Connection(
        String bootstrap,
        URI s3Endpoint,
        String s3AccessKey,
        String s3SecretKey,
        String region,
        String jobsTopic,
        String completionsTopic,
        String deadLetterTopic,
        String imagesBucket,
        String resultsBucket,
        Duration timeout,
        Map<String, String> kafkaProperties) {

    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    public static final String DEFAULT_S3_ENDPOINT = "http://127.0.0.1:9000";
    public static final String DEFAULT_ACCESS_KEY = "vprompt";
    public static final String DEFAULT_SECRET_KEY = "vprompt-secret";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_JOBS_TOPIC = "vp.jobs";
    public static final String DEFAULT_COMPLETIONS_TOPIC = "vp.completions";
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "vp.jobs.dlq";
    public static final String DEFAULT_IMAGES_BUCKET = "vp-images";
    public static final String DEFAULT_RESULTS_BUCKET = "vp-results";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    /**
     * Kafka client properties the connection sets itself, which {@code kafkaProperties} may not override: the address
     * (a flag of its own), client id, serializers, the group-less consumer's reading and the producer's durability.
     */
    public static final Set<String> OWNED_KAFKA_PROPERTIES = Set.of(
            CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
            CommonClientConfigs.CLIENT_ID_CONFIG,
            CommonClientConfigs.GROUP_ID_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.ACKS_CONFIG,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG);

    /** The canonical constructor without extra Kafka client properties. */
    public Connection(
            String bootstrap,
            URI s3Endpoint,
            String s3AccessKey,
            String s3SecretKey,
            String region,
            String jobsTopic,
            String completionsTopic,
            String deadLetterTopic,
            String imagesBucket,
            String resultsBucket,
            Duration timeout) {
        this(
                bootstrap,
                s3Endpoint,
                s3AccessKey,
                s3SecretKey,
                region,
                jobsTopic,
                completionsTopic,
                deadLetterTopic,
                imagesBucket,
                resultsBucket,
                timeout,
                Map.of());
    }

    public Connection {
        List<String> problems = new ArrayList<>();
        requireText(bootstrap, "Kafka bootstrap address", problems);
        if (s3Endpoint == null
                || s3Endpoint.getHost() == null
                || !("http".equals(s3Endpoint.getScheme()) || "https".equals(s3Endpoint.getScheme()))) {
            problems.add("S3 endpoint must be an http(s)://host:port URL, was " + s3Endpoint);
        }
        requireText(s3AccessKey, "S3 access key", problems);
        requireText(s3SecretKey, "S3 secret key", problems);
        requireText(region, "S3 region", problems);
        requireText(jobsTopic, "jobs topic", problems);
        requireText(completionsTopic, "completions topic", problems);
        requireText(deadLetterTopic, "dead-letter topic", problems);
        requireText(imagesBucket, "images bucket", problems);
        requireText(resultsBucket, "results bucket", problems);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            problems.add("timeout must be positive, was " + timeout);
        }
        kafkaProperties = kafkaProperties == null ? Map.of() : Map.copyOf(kafkaProperties);
        List<String> owned = kafkaProperties.keySet().stream()
                .filter(OWNED_KAFKA_PROPERTIES::contains)
                .sorted()
                .toList();
        if (!owned.isEmpty()) {
            problems.add("the Kafka client properties may not set " + owned
                    + " (the address is --bootstrap; the rest the clients set themselves)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid connection: " + String.join("; ", problems));
        }
    }

    /**
     * The default topics, buckets and timeout on the given Kafka and S3 endpoints (what {@code vp stack} creates).
     *
     * @throws IllegalArgumentException listing every problem when a value is missing or malformed
     */
    public static Connection of(
            String bootstrap, URI s3Endpoint, String s3AccessKey, String s3SecretKey, String region) {
        return new Connection(
                bootstrap,
                s3Endpoint,
                s3AccessKey,
                s3SecretKey,
                region,
                DEFAULT_JOBS_TOPIC,
                DEFAULT_COMPLETIONS_TOPIC,
                DEFAULT_DEAD_LETTER_TOPIC,
                DEFAULT_IMAGES_BUCKET,
                DEFAULT_RESULTS_BUCKET,
                DEFAULT_TIMEOUT);
    }

    /**
     * Resolves every value from the {@code VP_*} environment variables ({@link EnvNames}), else the file a running
     * {@code vp stack} wrote ({@link StackFile#defaultLocation}), else the defaults, exactly as the {@code vp} client
     * commands do without flags.
     */
    public static Connection fromEnvironment() {
        return ConnectionResolver.fromProcess().resolve();
    }

    /** The same place with other topics. */
    public Connection withTopics(String jobs, String completions, String deadLetters) {
        return new Connection(
                bootstrap,
                s3Endpoint,
                s3AccessKey,
                s3SecretKey,
                region,
                jobs,
                completions,
                deadLetters,
                imagesBucket,
                resultsBucket,
                timeout,
                kafkaProperties);
    }

    /** The same place with other buckets. */
    public Connection withBuckets(String images, String results) {
        return new Connection(
                bootstrap,
                s3Endpoint,
                s3AccessKey,
                s3SecretKey,
                region,
                jobsTopic,
                completionsTopic,
                deadLetterTopic,
                images,
                results,
                timeout,
                kafkaProperties);
    }

    /**
     * The same place with extra Kafka client properties (TLS, SASL, tuning), e.g. read by
     * {@link KafkaClientProperties#load}.
     *
     * @throws IllegalArgumentException when one of them is {@linkplain #OWNED_KAFKA_PROPERTIES owned}
     */
    public Connection withKafkaProperties(Map<String, String> properties) {
        return new Connection(
                bootstrap,
                s3Endpoint,
                s3AccessKey,
                s3SecretKey,
                region,
                jobsTopic,
                completionsTopic,
                deadLetterTopic,
                imagesBucket,
                resultsBucket,
                timeout,
                properties);
    }

    /** An S3 client factory for this endpoint with the default transport settings; the caller closes it. */
    public S3ClientFactory s3() {
        return new S3ClientFactory(s3Endpoint, s3AccessKey, s3SecretKey, region);
    }

    /**
     * Producer properties: acks=all, idempotent, bounded blocking on an unreachable broker, and one request in flight
     * per broker, so that a batch refused with a retriable error (a partition just created) is never overtaken by a
     * later one: brokers before Kafka 4.5 would accept the later batch and then refuse the first as out of order until
     * the delivery timeout drops it (KAFKA-15591); then the extra ones.
     */
    public Properties producerProperties(String clientId) {
        Properties p = common(clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(2 * timeout.toMillis()));
        p.putAll(kafkaProperties);
        return p;
    }

    /** Consumer properties for a group-less reader (assign + seek): no commits, read committed data only. */
    public Properties consumerProperties(String clientId) {
        Properties p = common(clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        p.putAll(kafkaProperties);
        return p;
    }

    /** Admin client properties: bounded waits on an unreachable broker. */
    public Properties adminProperties(String clientId) {
        Properties p = common(clientId);
        p.putAll(kafkaProperties);
        return p;
    }

    private Properties common(String clientId) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return p;
    }

    private static void requireText(String value, String name, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(name + " is required");
        }
    }

    /** Never prints the secret key nor a secret Kafka client property. */
    @Override
    public String toString() {
        return "Connection[bootstrap=" + bootstrap + ", s3Endpoint=" + s3Endpoint + ", s3AccessKey=" + s3AccessKey
                + ", s3SecretKey=***, region=" + region + ", topics=" + jobsTopic + "/" + completionsTopic + "/"
                + deadLetterTopic + ", buckets=" + imagesBucket + "/" + resultsBucket + ", timeout=" + timeout
                + ", kafkaProperties=" + KafkaClientProperties.redacted(kafkaProperties) + "]";
    }
}

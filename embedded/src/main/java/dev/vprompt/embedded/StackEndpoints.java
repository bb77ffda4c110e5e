package dev.vprompt.embedded;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where a running stack (a Kafka broker and an S3 server) can be reached, and with which credentials. This is all a
 * client needs; it does not say how the stack was started beyond {@link #kind()}.
 *
 * @param kafkaBootstrap {@code host:port[,host:port...]} for {@code bootstrap.servers}
 * @param s3Endpoint {@code http(s)://host:port} of the S3 server
 * @param s3AccessKey S3 access key
 * @param s3SecretKey S3 secret key (never printed by {@link #toString()})
 * @param s3Region the region to sign requests for
 * @param kind {@value #KIND_EMBEDDED} or {@value #KIND_TESTCONTAINERS}
 */
public record StackEndpoints(
        String kafkaBootstrap, URI s3Endpoint, String s3AccessKey, String s3SecretKey, String s3Region, String kind) {

    /** In-process servers of this module. */
    public static final String KIND_EMBEDDED = "embedded";
    /** Docker containers started by Testcontainers. */
    public static final String KIND_TESTCONTAINERS = "testcontainers";

    private static final Set<String> KINDS = Set.of(KIND_EMBEDDED, KIND_TESTCONTAINERS);

    public StackEndpoints {
        List<String> problems = new ArrayList<>();
        if (kafkaBootstrap == null || kafkaBootstrap.isBlank()) {
            problems.add("kafkaBootstrap must not be blank");
        }
        if (s3Endpoint == null || s3Endpoint.getHost() == null) {
            problems.add("s3Endpoint must be an absolute http(s) URI, was " + s3Endpoint);
        }
        if (s3AccessKey == null || s3AccessKey.isBlank()) {
            problems.add("s3AccessKey must not be blank");
        }
        if (s3SecretKey == null || s3SecretKey.isBlank()) {
            problems.add("s3SecretKey must not be blank");
        }
        if (s3Region == null || s3Region.isBlank()) {
            problems.add("s3Region must not be blank");
        }
        if (!KINDS.contains(kind)) {
            problems.add("kind must be one of " + KINDS + ", was " + kind);
        }
        if (!problems.isEmpty()) {
            throw new EmbeddedConfigException("StackEndpoints", problems);
        }
    }

    /** Never prints the secret key. */
    @Override
    public String toString() {
        return "StackEndpoints[kind=" + kind + ", kafkaBootstrap=" + kafkaBootstrap + ", s3Endpoint=" + s3Endpoint
                + ", s3AccessKey=" + s3AccessKey + ", s3SecretKey=***, s3Region=" + s3Region + "]";
    }
}

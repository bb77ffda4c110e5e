package dev.vprompt.cli.deployment;

import dev.vprompt.client.Connection;
import dev.vprompt.embedded.StackEndpoints;

/**
 * The client's view of a running stack: its endpoints with the default topics and buckets (those {@code vp stack} and
 * {@link InProcessDeployment} create). Lives here, not in the client library, so the library needs no embedded
 * servers.
 *
 * <p>Thread-safe (stateless).
 */
public final class StackConnections {

    private StackConnections() {}

    /** The default topics, buckets and timeout on {@code stack}. */
    public static Connection of(StackEndpoints stack) {
        return Connection.of(
                stack.kafkaBootstrap(), stack.s3Endpoint(), stack.s3AccessKey(), stack.s3SecretKey(), stack.s3Region());
    }
}

package dev.vprompt.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Resolves a {@link Connection} the way every vprompt client does: each value from, in order, an explicit value (a
 * command-line flag, say), the {@code VP_*} environment variable ({@link EnvNames}), the file a running {@code vp
 * stack} wrote ({@link StackFile}), then the default ({@code Connection.DEFAULT_*}, which match the worker's own
 * defaults: Kafka on 127.0.0.1:9092, S3 on 127.0.0.1:9000).
 *
 * <pre>{@code
 * Connection c = ConnectionResolver.fromProcess().resolve(Map.of(EnvNames.BOOTSTRAP, "kafka:9092"), null);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ConnectionResolver {

    private final Map<String, String> env;
    private final Map<String, String> stackFile;

    /**
     * @param env environment variables (e.g. {@link System#getenv()})
     * @param stackFile the variables of a {@code vp stack} state file ({@link StackFile#read()}); empty for none
     */
    public ConnectionResolver(Map<String, String> env, Map<String, String> stackFile) {
        this.env = Map.copyOf(env);
        this.stackFile = Map.copyOf(stackFile);
    }

    /** The process environment and the stack file at its default location ({@link StackFile#defaultLocation}). */
    public static ConnectionResolver fromProcess() {
        Map<String, String> env = System.getenv();
        return new ConnectionResolver(env, StackFile.defaultLocation(env).read());
    }

    /** Resolves with no explicit values and the default timeout. */
    public Connection resolve() {
        return resolve(Map.of(), null);
    }

    /**
     * Resolves every value.
     *
     * @param explicit values that win over everything, keyed by their {@link EnvNames} name; blank values are ignored
     * @param timeout the connection's timeout; null for {@link Connection#DEFAULT_TIMEOUT}
     * @throws IllegalArgumentException listing every problem of the resolved values
     */
    public Connection resolve(Map<String, String> explicit, Duration timeout) {
        return new Connection(
                value(explicit, EnvNames.BOOTSTRAP, Connection.DEFAULT_BOOTSTRAP),
                URI.create(value(explicit, EnvNames.S3_ENDPOINT, Connection.DEFAULT_S3_ENDPOINT)),
                value(explicit, EnvNames.S3_ACCESS_KEY, Connection.DEFAULT_ACCESS_KEY),
                value(explicit, EnvNames.S3_SECRET_KEY, Connection.DEFAULT_SECRET_KEY),
                value(explicit, EnvNames.S3_REGION, Connection.DEFAULT_REGION),
                value(explicit, EnvNames.JOBS_TOPIC, Connection.DEFAULT_JOBS_TOPIC),
                value(explicit, EnvNames.COMPLETIONS_TOPIC, Connection.DEFAULT_COMPLETIONS_TOPIC),
                value(explicit, EnvNames.DEAD_LETTER_TOPIC, Connection.DEFAULT_DEAD_LETTER_TOPIC),
                value(explicit, EnvNames.IMAGES_BUCKET, Connection.DEFAULT_IMAGES_BUCKET),
                value(explicit, EnvNames.RESULTS_BUCKET, Connection.DEFAULT_RESULTS_BUCKET),
                timeout == null ? Connection.DEFAULT_TIMEOUT : timeout);
    }

    private String value(Map<String, String> explicit, String name, String fallback) {
        for (Map<String, String> source : List.of(explicit, env, stackFile)) {
            String v = source.get(name);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return fallback;
    }
}

package dev.vprompt.worker.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import dev.vprompt.common.Problems;

/**
 * The operations endpoint: {@code /health/live}, {@code /health/ready}, {@code /metrics}. Build it with
 * {@link #builder()}; validated as part of {@link WorkerConfig}.
 *
 * @param host bind address; loopback by default, set {@code 0.0.0.0} in a container
 * @param port port, {@link #ANY_FREE_PORT} picks a free one, {@link #DISABLED} turns the endpoint off
 */
@JsonDeserialize(builder = HttpSettings.Builder.class)
public record HttpSettings(String host, int port) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** The port value that lets the operating system pick a free port. */
    public static final int ANY_FREE_PORT = 0;
    /** The port value that turns the endpoint off. */
    public static final int DISABLED = -1;

    public static HttpSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().host(host).port(port);
    }

    void validate(Problems p) {
        p.requireText(host, "http.host");
        p.require(port >= DISABLED && port <= 65535, "http.port must be within -1..65535");
    }

    /** Starts from the defaults; also reads the {@code http} section of the YAML. Not thread-safe. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;

        Builder() {}

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public HttpSettings build() {
            return new HttpSettings(host, port);
        }
    }
}

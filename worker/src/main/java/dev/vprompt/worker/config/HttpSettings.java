package dev.vprompt.worker.config;

import dev.vprompt.common.Problems;

/**
 * The operations endpoint: {@code /health/live}, {@code /health/ready}, {@code /metrics}.
 *
 * @param host bind address; loopback by default, set {@code 0.0.0.0} in a container
 * @param port port, 0 picks a free one, -1 disables the endpoint
 */
public record HttpSettings(String host, Integer port) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public HttpSettings {
        host = host == null ? DEFAULT_HOST : host;
        port = port == null ? DEFAULT_PORT : port;
    }

    public static HttpSettings defaults() {
        return new HttpSettings(null, null);
    }

    void validate(Problems p) {
        p.requireText(host, "http.host");
        p.require(port >= -1 && port <= 65535, "http.port must be within -1..65535");
    }
}

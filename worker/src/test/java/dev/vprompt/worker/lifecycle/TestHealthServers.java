package dev.vprompt.worker.lifecycle;

import dev.vprompt.worker.config.HttpSettings;
import dev.vprompt.worker.metrics.WorkerMetrics;
import io.vertx.core.Vertx;
import java.util.Map;

/** Starts the worker's real health server for tests outside this package (e.g. the deploy-file checks). */
public final class TestHealthServers {

    private TestHealthServers() {}

    /** A started server on a free loopback port, live and ready; close it when done. */
    public static Started start(Vertx vertx, WorkerMetrics metrics) throws Exception {
        HealthServer server = new HealthServer(
                vertx, new HttpSettings("127.0.0.1", 0), metrics, () -> true, () -> Map.of("model", true));
        return new Started(server, server.start());
    }

    /** A running health server and its port. */
    public record Started(AutoCloseable server, int port) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}

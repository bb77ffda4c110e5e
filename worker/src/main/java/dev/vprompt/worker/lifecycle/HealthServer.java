package dev.vprompt.worker.lifecycle;

import dev.vprompt.worker.config.HttpSettings;
import dev.vprompt.worker.metrics.WorkerMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operations endpoint: {@code GET /health/live}, {@code GET /health/ready} (200 only when every readiness check
 * passes; the body lists each check) and {@code GET /metrics} (Prometheus text).
 *
 * <p>Threading: handlers run on the Vert.x event loop and only read volatile state; the Prometheus scrape runs on a
 * Vert.x worker thread.
 */
final class HealthServer implements AutoCloseable {

    private final Vertx vertx;
    private final HttpSettings settings;
    private final WorkerMetrics metrics;
    private final BooleanSupplier live;
    private final Supplier<Map<String, Boolean>> readiness;
    private HttpServer server;

    HealthServer(
            Vertx vertx,
            HttpSettings settings,
            WorkerMetrics metrics,
            BooleanSupplier live,
            Supplier<Map<String, Boolean>> readiness) {
        this.vertx = vertx;
        this.settings = settings;
        this.metrics = metrics;
        this.live = live;
        this.readiness = readiness;
    }

    /** Binds the server (blocking the caller, never the event loop); returns the port, or -1 when disabled. */
    public int start() throws Exception {
        if (settings.port() < 0) {
            return -1;
        }
        Router router = Router.router(vertx);
        router.get("/health/live").handler(this::live);
        router.get("/health/ready").handler(this::ready);
        router.get("/metrics").handler(this::metrics);
        server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(settings.port(), settings.host())
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    private void live(RoutingContext rc) {
        boolean up = live.getAsBoolean();
        rc.response()
                .setStatusCode(up ? 200 : 503)
                .putHeader("content-type", "application/json")
                .end(new JsonObject().put("status", up ? "UP" : "DOWN").encode());
    }

    private void ready(RoutingContext rc) {
        Map<String, Boolean> checks = readiness.get();
        boolean up = checks.values().stream().allMatch(Boolean::booleanValue);
        JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN");
        JsonObject c = new JsonObject();
        checks.forEach((k, v) -> c.put(k, v ? "UP" : "DOWN"));
        body.put("checks", c);
        rc.response()
                .setStatusCode(up ? 200 : 503)
                .putHeader("content-type", "application/json")
                .end(body.encode());
    }

    private void metrics(RoutingContext rc) {
        vertx.executeBlocking(metrics::scrape, false).onComplete(ar -> {
            if (ar.succeeded()) {
                rc.response()
                        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(ar.result());
            } else {
                rc.fail(ar.cause());
            }
        });
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}

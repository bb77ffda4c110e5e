package dev.vprompt.cli.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps the one-command paths readable: unless asked for ({@code --verbose}) or configured ({@code VP_LOG_LEVEL}),
 * only warnings and errors reach the terminal, and of the in-process servers and native libraries (Kafka, S3Proxy,
 * DJL) only errors. Thread-safe (logback levels are).
 */
public final class Logs {

    private static final List<String> THIRD_PARTY =
            List.of("org.apache.kafka", "kafka", "org.gaul", "org.eclipse.jetty", "ai.djl");

    private Logs() {}

    /** Lowers log output unless {@code verbose} or {@code VP_LOG_LEVEL} is set. */
    public static void quietUnless(boolean verbose) {
        if (verbose || System.getenv("VP_LOG_LEVEL") != null) {
            return;
        }
        set(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.WARN);
        THIRD_PARTY.forEach(name -> set(name, Level.ERROR));
    }

    private static void set(String name, Level level) {
        if (LoggerFactory.getLogger(name) instanceof Logger logger) {
            logger.setLevel(level);
        }
    }
}

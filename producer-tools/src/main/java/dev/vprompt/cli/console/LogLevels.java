package dev.vprompt.cli.console;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps command output readable by raising log levels for the rest of the process, unless the user asked for a level
 * with {@value #LEVEL_VARIABLE} (which {@code logback.xml} reads as the root level):
 *
 * <ul>
 *   <li>{@link #quietEngine()}, for one-shot engine commands that print their own result line: the engine's INFO logs
 *       (model ready, tensors read) and DJL's warnings (e.g. "Failed to detect GPU count" without a CUDA driver) would
 *       only add noise, so the engine logger goes to WARN and DJL's to ERROR;
 *   <li>{@link #quietUnless(boolean)}, for the one-command paths ({@code vp demo}, {@code vp eval}) unless {@code
 *       --verbose}: only warnings and errors reach the terminal, and of the in-process servers and native libraries
 *       (Kafka, S3Proxy, DJL) only errors.
 * </ul>
 *
 * <p>Thread-safe: logback levels are safe to change from any thread.
 */
public final class LogLevels {

    /** The environment variable {@code logback.xml} reads the root level from. */
    public static final String LEVEL_VARIABLE = "VP_LOG_LEVEL";

    private static final List<String> THIRD_PARTY =
            List.of("org.apache.kafka", "kafka", "org.gaul", "org.eclipse.jetty", "ai.djl");

    private LogLevels() {}

    /** Raises the engine logger to WARN and DJL's to ERROR unless {@value #LEVEL_VARIABLE} is set. */
    public static void quietEngine() {
        if (configured()) {
            return;
        }
        set("dev.vprompt.engine", Level.WARN);
        set("ai.djl", Level.ERROR);
    }

    /** Lowers log output to warnings (servers: errors) unless {@code verbose} or {@value #LEVEL_VARIABLE} is set. */
    public static void quietUnless(boolean verbose) {
        if (verbose || configured()) {
            return;
        }
        set(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.WARN);
        THIRD_PARTY.forEach(name -> set(name, Level.ERROR));
    }

    private static boolean configured() {
        String configured = System.getenv(LEVEL_VARIABLE);
        return configured != null && !configured.isBlank();
    }

    private static void set(String name, Level level) {
        if (LoggerFactory.getLogger(name) instanceof Logger logger) {
            logger.setLevel(level);
        }
    }
}

package dev.vprompt.cli.engine;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;

/**
 * One-shot engine commands print their own result line; the engine's INFO logs (model ready, tensors read) and DJL's
 * warnings (e.g. "Failed to detect GPU count" on machines without a CUDA driver) would only add noise on standard
 * error. Unless {@code VP_LOG_LEVEL} asks for a level, the engine logger is raised to WARN and DJL's to ERROR for the
 * rest of the process.
 *
 * <p>Thread-safe: logback levels are safe to change from any thread.
 */
public final class EngineLogging {

    /** The environment variable {@code logback.xml} reads the root level from. */
    static final String LEVEL_VARIABLE = "VP_LOG_LEVEL";

    private EngineLogging() {}

    /** Raises the engine logger to WARN and DJL's to ERROR unless {@value #LEVEL_VARIABLE} is set. */
    public static void quietUnlessConfigured() {
        String configured = System.getenv(LEVEL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return;
        }
        setLevel("dev.vprompt.engine", Level.WARN);
        setLevel("ai.djl", Level.ERROR);
    }

    private static void setLevel(String name, Level level) {
        if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(level);
        }
    }
}

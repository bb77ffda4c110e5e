package dev.vprompt.worker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of this JVM while open (logback's {@link ListAppender} on the root logger), with the named
 * loggers lowered to INFO meanwhile so that clients' configuration dumps are captured too; restores the levels on
 * close. Thread-safe (the appender is); open one at a time.
 */
public final class LogCapture implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root;
    private final Map<Logger, Level> previous = new HashMap<>();

    /** @param infoLoggers loggers (e.g. {@code org.apache.kafka}) to capture at INFO while open */
    public LogCapture(String... infoLoggers) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (String name : infoLoggers) {
            Logger logger = context.getLogger(name);
            previous.put(logger, logger.getLevel());
            logger.setLevel(Level.INFO);
        }
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    /** Every captured event as text: logger, formatted message and the messages of its throwable chain. */
    public List<String> lines() {
        synchronized (appender) {
            return appender.list.stream().map(LogCapture::text).toList();
        }
    }

    private static String text(ILoggingEvent e) {
        StringBuilder sb = new StringBuilder(e.getLoggerName()).append(" ").append(e.getFormattedMessage());
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            sb.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return sb.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        previous.forEach(Logger::setLevel);
    }
}

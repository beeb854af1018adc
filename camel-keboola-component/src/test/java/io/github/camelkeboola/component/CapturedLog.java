package io.github.camelkeboola.component;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Captures every log line (message and stack trace) of every logger at DEBUG while open, so a test can assert that
 * a secret never reaches any log. Turns on all loggers, HttpClient's header and wire logs included.
 */
public final class CapturedLog implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Level previousRootLevel;
    private final Appender appender = new Appender();

    public static CapturedLog atDebug() {
        return new CapturedLog(Level.ALL);
    }

    /** Every logger at exactly {@code level} (such as DEBUG, what a user turns on), nothing finer. */
    public static CapturedLog at(Level level) {
        return new CapturedLog(level);
    }

    private CapturedLog(Level level) {
        Configuration config = context.getConfiguration();
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        previousRootLevel = root.getLevel();
        root.addAppender(appender, level, null);
        root.setLevel(level);
        // named loggers that do not pass events up to the root get the appender themselves
        config.getLoggers().values().forEach(logger -> {
            if (logger != root && !logger.isAdditive()) {
                logger.addAppender(appender, level, null);
            }
        });
        context.updateLoggers();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.getLoggers().values().forEach(logger -> logger.removeAppender(appender.getName()));
        config.getRootLogger().removeAppender(appender.getName());
        config.getRootLogger().setLevel(previousRootLevel);
        context.updateLoggers();
        appender.stop();
    }

    private final class Appender extends AbstractAppender {
        Appender() {
            super("captured-" + System.identityHashCode(CapturedLog.this), null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                    .append(event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
                StringWriter trace = new StringWriter();
                event.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            lines.add(line.toString());
        }
    }
}

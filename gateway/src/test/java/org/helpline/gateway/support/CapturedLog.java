package org.helpline.gateway.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The events one logger receives while this is open. Background threads (jobs, the live-event listener) log while a
 * test reads, so {@link #events()} copies under the appender's own lock, the one logback's doAppend holds.
 */
public final class CapturedLog implements AutoCloseable {
    private final Logger logger;
    private final Level levelBefore;
    private final boolean levelChanged;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLog(Logger logger, Level level) {
        this.logger = logger;
        this.levelBefore = logger.getLevel();
        this.levelChanged = level != null;
        if (levelChanged) {
            logger.setLevel(level);
        }
        appender.start();
        logger.addAppender(appender);
    }

    public static CapturedLog root() {
        return new CapturedLog((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME), null);
    }

    /** The root logger at {@code level} until closed. */
    public static CapturedLog root(Level level) {
        return new CapturedLog((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME), level);
    }

    public static CapturedLog of(Class<?> type) {
        return new CapturedLog((Logger) LoggerFactory.getLogger(type), null);
    }

    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }

    public List<String> messages() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        synchronized (appender) {
            appender.stop();
        }
        if (levelChanged) {
            logger.setLevel(levelBefore);
        }
    }
}

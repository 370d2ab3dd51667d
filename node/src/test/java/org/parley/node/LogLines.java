package org.parley.node;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What the nodes of a test log, as an operator reads it: every line from the loggers under
 * {@code org.parley} while it is open, for assertions on what a node says and why.
 */
final class LogLines implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger("org.parley");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogLines() {
        appender.start();
        logger.addAppender(appender);
    }

    /** The formatted lines so far that contain every one of {@code parts}. */
    List<String> containing(String... parts) {
        synchronized (appender) { // what AppenderBase appends under
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(line -> List.of(parts).stream().allMatch(line::contains)).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}

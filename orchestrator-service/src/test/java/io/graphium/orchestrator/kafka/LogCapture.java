package io.graphium.orchestrator.kafka;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * The log lines of some loggers, readable while other threads log. Attach it after a Spring context started: Boot
 * resets the logging configuration when a context starts.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    static LogCapture of(Class<?>... sources) {
        LogCapture capture = new LogCapture();
        capture.start();
        for (Class<?> source : sources) {
            ((Logger) LoggerFactory.getLogger(source)).addAppender(capture);
        }
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage());
    }

    boolean contains(String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}

package fr.pacte.tests.reliability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The log events of the whole process while it is open, to check what a request or a stop wrote to the log. */
final class LogCapture implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  List<String> errors() {
    return appender.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
        .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage()).toList();
  }

  List<String> withStackTraces() {
    return appender.list.stream().filter(event -> event.getThrowableProxy() != null)
        .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage() + " / "
            + event.getThrowableProxy().getClassName()).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
  }
}

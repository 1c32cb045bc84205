package fr.pacte.server.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.junit.jupiter.api.Test;

/**
 * The production logging configuration ({@code logback.xml}): requests hand their log lines to a background writer,
 * which never drops one, and the request log reaches it.
 */
class LoggingConfigurationTest {

  @Test
  void requestLinesGoThroughAQueueThatDropsNothing() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LoggingConfigurationTest.class.getClassLoader().getResource("logback.xml"));
    try {
      Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
      Appender<ILoggingEvent> appender = root.getAppender("ASYNC");
      AsyncAppender async = assertInstanceOf(AsyncAppender.class, appender, "the root writes through the async appender");
      assertFalse(async.isNeverBlock(), "a full queue makes callers wait rather than lose lines");
      assertEquals(0, async.getDiscardingThreshold(), "no level is discarded when the queue fills up");
      assertNotNull(async.getAppender("JSON"), "the queue feeds the JSON console appender");
      assertEquals(null, root.getAppender("JSON"), "nothing writes to the console on the caller's thread");
      assertEquals(true, context.getLogger("pacte.access").isInfoEnabled(), "the request log is written");
    } finally {
      context.stop();
    }
  }
}

package fr.pacte.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * The warnings of Vert.x's blocked-thread checker ("Thread … has been blocked for … ms"), recorded so that a test
 * platform fails when anything held an event loop (or a worker) past Vert.x's limits while it ran.
 */
public final class BlockedThreads extends AppenderBase<ILoggingEvent> {

  /** The logger Vert.x's checker writes to. */
  public static final String CHECKER_LOGGER = "io.vertx.core.impl.BlockedThreadChecker";

  private static final BlockedThreads INSTANCE = install();

  private final List<String> warnings = new CopyOnWriteArrayList<>();

  private BlockedThreads() {
  }

  private static BlockedThreads install() {
    BlockedThreads appender = new BlockedThreads();
    if (LoggerFactory.getLogger(CHECKER_LOGGER) instanceof Logger checker) {
      appender.setContext(checker.getLoggerContext());
      appender.setName("blocked-threads");
      appender.start();
      checker.addAppender(appender);
    }
    return appender;
  }

  /** Every warning recorded in this JVM so far. */
  public static List<String> warnings() {
    return List.copyOf(INSTANCE.warnings);
  }

  /** How many warnings were recorded so far: a mark to compare with later. */
  public static int mark() {
    return INSTANCE.warnings.size();
  }

  /** The warnings recorded since {@code mark}. */
  public static List<String> since(int mark) {
    List<String> all = warnings();
    return all.subList(Math.min(mark, all.size()), all.size());
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
      StringBuilder warning = new StringBuilder(event.getThreadName() + ": " + event.getFormattedMessage());
      // Where the thread was held, in the project's own code first: what a fix needs.
      if (event.getThrowableProxy() != null) {
        var frames = event.getThrowableProxy().getStackTraceElementProxyArray();
        for (int i = 0; i < Math.min(frames.length, 40); i++) {
          warning.append("\n    ").append(frames[i].getSTEAsString());
        }
      }
      warnings.add(warning.toString());
    }
  }
}

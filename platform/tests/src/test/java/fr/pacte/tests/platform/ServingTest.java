package fr.pacte.tests.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import fr.pacte.server.config.PacteConfig;
import fr.pacte.testkit.TestPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every core serves: HTTP is served by one verticle instance per event loop, all on the same port, and connections
 * are spread over them. Nothing may block an event loop: Vert.x's blocked-thread warnings fail the test platform.
 */
class ServingTest {

  private static final int INSTANCES = 3;
  private static TestPlatform platform;
  /** The thread each request's log line was written on: the event loop that served it. */
  private static final Set<String> servingThreads = ConcurrentHashMap.newKeySet();
  private static final AppenderBase<ILoggingEvent> requestThreads = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      servingThreads.add(event.getThreadName());
    }
  };

  private static Level accessLevel;

  @BeforeAll
  static void start() {
    Logger access = (Logger) LoggerFactory.getLogger("pacte.access");
    requestThreads.setContext(access.getLoggerContext());
    requestThreads.start();
    // The tests' logging configuration keeps the request log quiet: here it is read, not printed.
    accessLevel = access.getLevel();
    access.setLevel(Level.INFO);
    access.setAdditive(false);
    access.addAppender(requestThreads);
    platform = TestPlatform.builder().tenant("somme", "80").httpInstances(INSTANCES).start();
  }

  @AfterAll
  static void stop() {
    Logger access = (Logger) LoggerFactory.getLogger("pacte.access");
    access.detachAppender(requestThreads);
    access.setAdditive(true);
    access.setLevel(accessLevel);
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void oneHttpServerInstanceServesPerConfiguredEventLoop() {
    assertEquals(INSTANCES, platform.pacte().node().httpInstances());
  }

  @Test
  void byDefaultThereIsOneInstancePerCore() {
    assertEquals(Runtime.getRuntime().availableProcessors(), PacteConfig.from(java.util.Map.of()).httpInstances());
  }

  @Test
  void connectionsAreServedOnEveryEventLoop() throws Exception {
    servingThreads.clear();
    // Each client opens its own connection; Vert.x hands new connections to the instances in turn.
    for (int i = 0; i < INSTANCES * 3; i++) {
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(platform.url() + "/health/live"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
    }
    assertEquals(INSTANCES, servingThreads.size(), "threads that served: " + servingThreads);
    assertTrue(servingThreads.stream().allMatch(name -> name.startsWith("vert.x-eventloop-thread-")), servingThreads.toString());
  }

  @Test
  void aBlockedEventLoopIsReported() throws Exception {
    platform.forgiveBlockedThreads();
    // Longer than Vert.x's limit for an event loop (2 s), checked every second.
    platform.pacte().node().vertx().runOnContext(go -> sleep(3_500));
    long deadline = System.currentTimeMillis() + 10_000;
    while (platform.blockedThreadWarnings().isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertFalse(platform.blockedThreadWarnings().isEmpty(), "Vert.x's warning is seen by the test platform");
    assertTrue(platform.blockedThreadWarnings().get(0).contains("has been blocked"), platform.blockedThreadWarnings().toString());
    Thread.sleep(1_000);
    platform.forgiveBlockedThreads();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package fr.pacte.server;

import fr.pacte.server.config.PacteConfig;
import fr.pacte.server.config.YamlFileException;
import fr.pacte.server.plugins.InstalledPlugin;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Starts a Pacte node from the environment and says where it listens, what it loaded and where its data is. */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) throws InterruptedException {
    PrintStream out = System.out;
    Pacte pacte;
    try {
      pacte = Pacte.start(PacteConfig.fromEnvironment());
    } catch (YamlFileException e) {
      System.err.println("Pacte ne démarre pas : fichier de département invalide.");
      System.err.println("  " + e.getMessage());
      System.exit(2);
      return;
    } catch (RuntimeException e) {
      System.err.println("Pacte ne démarre pas : " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM or Ctrl+C: requests under way finish, then the database stops cleanly (see Pacte.close).
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        pacte.close();
        // Flushes the asynchronous log appender: the last requests' lines are written before the process ends.
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
          logging.stop();
        }
      } finally {
        stopped.countDown();
      }
    }, "pacte-shutdown"));

    out.println();
    out.println("Pacte listens on " + pacte.url() + "/");
    out.println("  tenants: " + String.join(", ", pacte.tenants().all().stream()
        .map(t -> t.slug() + " (" + t.departementCode() + ")").toList()));
    for (InstalledPlugin plugin : pacte.plugins().runtime().plugins()) {
      out.println("  plugin:  " + plugin.id() + " " + plugin.version() + " — " + plugin.health().state().label()
          + (plugin.health().error() == null ? "" : ": " + plugin.health().error()));
    }
    pacte.plugins().runtime().refusals().forEach(refusal ->
        out.println("  refused: " + refusal.jar() + " — " + refusal.reason()));
    out.println("  plugin directory: " + pacte.config().pluginsDir());
    out.println("  data: " + (pacte.config().embeddedDatabase()
        ? "embedded PostgreSQL in " + pacte.config().dataDir().resolve("postgres")
        : "PostgreSQL at " + pacte.node().database().location()));
    out.println("  health: " + pacte.url() + "/health/ready   metrics: " + pacte.url() + "/metrics   API: " + pacte.url() + "/api/docs");
    stopped.await();
  }
}

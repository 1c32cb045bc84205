package fr.pacte.bench.load;

import fr.pacte.server.Pacte;
import fr.pacte.server.config.PacteConfig;
import java.util.concurrent.CountDownLatch;

/**
 * Another Pacte node on the embedded database of a first one (given as {@code PACTE_DB_URL} and the other
 * {@code PACTE_*} variables), as the test kit's second node is: it accepts the demonstration accounts that an external
 * database otherwise refuses, so that the two-node benchmark signs in with them. Stops cleanly on SIGTERM.
 */
public final class SecondNode {

  private SecondNode() {
  }

  public static void main(String[] args) throws InterruptedException {
    PacteConfig c = PacteConfig.fromEnvironment();
    PacteConfig config = new PacteConfig(c.httpHost(), c.httpPort(), c.dataDir(), c.pluginsDir(), c.tenantsDir(),
        c.database(), c.nodeName(), true, c.keycloak(), c.publicUrl(), c.dbPoolSize(), c.httpInstances(), c.smtp(), true);
    Pacte pacte = Pacte.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        pacte.close();
      } finally {
        stopped.countDown();
      }
    }, "pacte-shutdown"));
    System.out.println("Pacte node " + c.nodeName() + " listens on " + pacte.url() + "/");
    stopped.await();
  }
}

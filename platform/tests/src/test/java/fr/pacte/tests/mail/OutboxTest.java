package fr.pacte.tests.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.config.PacteConfig;
import fr.pacte.server.mail.Mail;
import fr.pacte.testkit.TestMailServer;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * E-mails go out through a real SMTP server (GreenMail), written in the transaction of what they announce: a
 * rolled-back transaction sends nothing, an unreachable server loses nothing, and a tenant sees only its own mails.
 */
class OutboxTest {

  private static TestMailServer smtp;
  private static TestPlatform platform;

  @BeforeAll
  static void start() {
    smtp = TestMailServer.start();
    platform = TestPlatform.builder().tenant("somme", "80").tenant("allier", "03").mailServer(smtp).start();
  }

  @AfterAll
  static void stop() {
    platform.close();
    smtp.close();
  }

  private static UUID enqueue(TestPlatform on, String tenant, Mail mail) {
    return on.pacte().node().transactions().inTenant(tenant,
        connection -> on.pacte().mail().outbox().enqueue(connection, tenant, mail)).await();
  }

  private static JsonObject mail(TestPlatform.Client client, String tenant, UUID id) {
    JsonArray mails = client.get("/api/tenants/" + tenant + "/mails").jsonArray();
    return mails.stream().map(JsonObject.class::cast).filter(m -> m.getString("id").equals(id.toString()))
        .findFirst().orElse(null);
  }

  @Test
  void aMailEnqueuedInACommittedTransactionArrivesAndIsMarkedSent() {
    UUID id = enqueue(platform, "somme", new Mail("porteur@association.test", "Question sur votre dossier",
        "Bonjour,\nmerci de préciser le budget de l'année 2.", "application:42"));

    TestMailServer.Received received = smtp.awaitTo("porteur@association.test", Duration.ofSeconds(20)).orElseThrow();
    assertEquals("Question sur votre dossier", received.subject());
    assertTrue(received.body().contains("merci de préciser le budget"), received.body());
    assertEquals("pacte@departement.test", received.from());

    TestPlatform.Client admin = platform.login("somme", "admin");
    JsonObject listed = awaitState(admin, "somme", id, "sent");
    assertEquals("application:42", listed.getString("topic"));
    assertEquals(1, listed.getInteger("attempts"));
  }

  @Test
  void aMailOfARolledBackTransactionIsNeverSent() {
    String recipient = "annule-" + UUID.randomUUID() + "@association.test";
    Future<Object> rolledBack = platform.pacte().node().transactions().inTenant("somme", connection -> platform.pacte()
        .mail().outbox().enqueue(connection, "somme", new Mail(recipient, "Jamais", "Jamais envoyé.", ""))
        .compose(queued -> Future.failedFuture(new IllegalStateException("the saving failed after the mail"))));
    try {
      rolledBack.await();
      throw new AssertionError("The transaction should have failed");
    } catch (IllegalStateException expected) {
      assertEquals("the saving failed after the mail", expected.getMessage());
    }

    enqueue(platform, "somme", new Mail("temoin@association.test", "Témoin", "Envoyé après.", ""));
    smtp.awaitTo("temoin@association.test", Duration.ofSeconds(20)).orElseThrow();
    assertTrue(smtp.received().stream().noneMatch(mail -> mail.to().contains(recipient)));
    assertTrue(platform.login("somme", "admin").get("/api/tenants/somme/mails").jsonArray().stream()
        .map(JsonObject.class::cast).noneMatch(mail -> recipient.equals(mail.getString("recipient"))));
  }

  @Test
  void aTenantSeesItsOwnMailsOnlyAndOnlyItsAdministratorsAndAuditorsDo() {
    UUID id = enqueue(platform, "somme", new Mail("personne@exemple.test", "Confidentiel", "Texte.", ""));

    assertTrue(mail(platform.login("somme", "auditeur"), "somme", id) != null);
    assertEquals(0, platform.login("allier", "admin").get("/api/tenants/allier/mails").jsonArray().stream()
        .map(JsonObject.class::cast).filter(m -> m.getString("id").equals(id.toString())).count());
    // Another tenant's session is no session here.
    assertEquals(401, platform.login("allier", "admin").get("/api/tenants/somme/mails").status());
    assertEquals(403, platform.login("somme", "association").get("/api/tenants/somme/mails").status());
    assertEquals(401, platform.anonymous().get("/api/tenants/somme/mails").status());
  }

  @Test
  void theMailsPageListsTheTenantsMailsInFrenchForItsAdministratorsOnly() {
    enqueue(platform, "somme", new Mail("page@association.test", "Dossier reçu : accusé de réception", "Texte du courriel.",
        ""));
    smtp.awaitTo("page@association.test", Duration.ofSeconds(20)).orElseThrow();

    TestPlatform.Response page = platform.login("somme", "admin").get("/t/somme/courriels");
    assertEquals(200, page.status());
    assertTrue(page.body().contains("Dossier reçu : accusé de réception"), page.body());
    assertTrue(page.body().contains("page@association.test"));
    assertTrue(page.body().contains("Texte du courriel."));
    assertTrue(page.body().contains("href=\"/t/somme/courriels\""), "in the admin's menu");
    TestPlatform.Response refused = platform.login("somme", "association").get("/t/somme/courriels");
    assertEquals(403, refused.status());
    assertTrue(!platform.login("somme", "association").get("/t/somme/").body().contains("/t/somme/courriels"),
        "not in the menu of an association");
  }

  @Test
  void anUnreachableServerKeepsTheMailPendingWithItsErrorAndTriesAgainLater() {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    PacteConfig.Smtp nowhere = new PacteConfig.Smtp("127.0.0.1", closedPort, "pacte@departement.test", null, null, false);
    try (TestPlatform down = TestPlatform.builder().tenant("somme", "80").smtp(nowhere).start()) {
      UUID id = enqueue(down, "somme", new Mail("porteur@association.test", "Relance", "Texte.", ""));
      JsonObject listed = awaitAttempts(down.login("somme", "admin"), id);
      assertEquals("pending", listed.getString("state"));
      assertTrue(listed.getString("lastError") != null && !listed.getString("lastError").isBlank(), listed.encode());
    }
  }

  @Test
  void withoutAnSmtpServerMailsAreHeldAndShownNotSent() {
    try (TestPlatform quiet = TestPlatform.builder().tenant("somme", "80").start()) {
      UUID id = enqueue(quiet, "somme", new Mail("porteur@association.test", "Gardé", "Texte.", ""));
      JsonObject listed = mail(quiet.login("somme", "admin"), "somme", id);
      assertEquals("held", listed.getString("state"));
      assertEquals(0, listed.getInteger("attempts"));
    }
  }

  private static JsonObject awaitState(TestPlatform.Client client, String tenant, UUID id, String state) {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonObject listed;
    do {
      listed = mail(client, tenant, id);
      if (listed != null && state.equals(listed.getString("state"))) {
        return listed;
      }
      sleep();
    } while (System.nanoTime() < end);
    throw new AssertionError("Mail " + id + " never reached " + state + ": " + listed);
  }

  private static JsonObject awaitAttempts(TestPlatform.Client client, UUID id) {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonObject listed;
    do {
      listed = mail(client, "somme", id);
      if (listed != null && listed.getInteger("attempts") > 0) {
        return listed;
      }
      sleep();
    } while (System.nanoTime() < end);
    throw new AssertionError("No attempt to send " + id + ": " + listed);
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

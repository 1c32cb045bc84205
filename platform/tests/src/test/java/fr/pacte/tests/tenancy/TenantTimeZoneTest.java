package fr.pacte.tests.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.organisations.DocumentUpload;
import fr.pacte.server.organisations.OrganisationService;
import fr.pacte.server.organisations.VaultDocument;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.TenantClock;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A tenant's deadlines fall in its own time zone: at 02:30 UTC on 22 November it is still the 21st in Cayenne
 * (UTC−3) but already the 22nd in Amiens (UTC+1), so an attestation valid until the 21st is still valid for the
 * Guyane and expired for the Somme. The services run on the application role with a fixed clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantTimeZoneTest {

  private static final Instant NIGHT = Instant.parse("2026-11-22T02:30:00Z");
  private static final Actor ACTOR = new Actor("test:gestion", "Gestion (test)");

  private TestPlatform platform;
  private Vertx vertx;
  private Pool pool;
  private TenantClock clock;

  @BeforeAll
  void start() throws IOException {
    Path tenants = Files.createTempDirectory("pacte-zones-").resolve("tenants");
    write(tenants, "guyane", "973", "");
    write(tenants, "somme", "80", "");
    write(tenants, "reunion", "974", "");
    // A file may name the zone; here one that differs from the département's, so that the test can tell.
    write(tenants, "mayotte", "976", "time_zone: Europe/Paris\n");
    platform = TestPlatform.builder().tenantsDir(tenants).start();
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().connectingTo(platform.pacte().node().database().appConnectOptions()).using(vertx).build();
    clock = new TenantClock(Clock.fixed(NIGHT, ZoneOffset.UTC), platform.pacte().tenants()::zone);
  }

  @AfterAll
  void stop() {
    pool.close().await();
    vertx.close().await();
    platform.close();
  }

  @Test
  void aTenantsTimeZoneIsThatOfItsDepartementUnlessItsFileNamesOne() {
    JsonObject byTenant = new JsonObject();
    platform.anonymous().get("/api/tenants").jsonArray().forEach(item -> {
      JsonObject tenant = (JsonObject) item;
      byTenant.put(tenant.getString("slug"), tenant.getString("timeZone"));
    });
    assertEquals("America/Cayenne", byTenant.getString("guyane"));
    assertEquals("Indian/Reunion", byTenant.getString("reunion"));
    assertEquals("Europe/Paris", byTenant.getString("somme"));
    assertEquals("Europe/Paris", byTenant.getString("mayotte"));
  }

  @Test
  void atTheSameInstantItIsStillYesterdayInCayenne() {
    assertEquals(LocalDate.of(2026, 11, 21), clock.today("guyane"));
    assertEquals(LocalDate.of(2026, 11, 22), clock.today("somme"));
    assertEquals(LocalDate.of(2026, 11, 22), clock.today("reunion"));
    assertEquals(LocalDate.of(2026, 11, 21), RequestContext.system("guyane", "test", clock).today(),
        "a request served for the Guyane reads the date in Cayenne");
  }

  @Test
  void anAttestationValidUntilTheTwentyFirstIsStillValidInCayenneButExpiredInTheSomme() {
    OrganisationService organisations = new OrganisationService(new TenantTransactions(pool), platform.pacte().tenants(),
        new AuditStore());
    for (String tenant : List.of("guyane", "somme")) {
      DocumentUpload upload = DocumentUpload.check("attestation", "Attestation de vigilance URSSAF", "2026-11-21",
          "urssaf.pdf", "%PDF-1.4\n% vigilance\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
      organisations.upload(as(tenant), OrganisationService.DEMO_ORGANISATION, upload).await();
    }
    assertFalse(expired(organisations, "guyane"), "the 21st is not over in Cayenne at 23:30");
    assertTrue(expired(organisations, "somme"), "the 21st is over in Amiens at 03:30");
  }

  private boolean expired(OrganisationService organisations, String tenant) {
    RequestContext context = as(tenant);
    VaultDocument document = organisations.documents(context, OrganisationService.DEMO_ORGANISATION).await().get(0);
    return document.toJson(tenant, context.today()).getJsonObject("current").getBoolean("expired");
  }

  /** A call served for the tenant at the fixed instant. */
  private RequestContext as(String tenant) {
    return RequestContext.system(tenant, "test", clock).withActor(ACTOR);
  }

  private static void write(Path tenants, String slug, String code, String extra) {
    try {
      Path folder = Files.createDirectories(tenants.resolve(slug));
      Files.writeString(folder.resolve("tenant.yaml"), "slug: " + slug + "\nname: Département " + slug
          + "\ndepartement: \"" + code + "\"\n" + extra + "branding:\n  colour: \"#1f4e79\"\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package fr.pacte.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PacteConfigTest {

  @Test
  void defaultsToTheEmbeddedSetUpOnPort8080() {
    PacteConfig config = PacteConfig.from(Map.of("PACTE_CONFIG_FILE_IGNORED", "x"));
    assertEquals(8080, config.httpPort());
    assertTrue(config.embeddedDatabase());
    assertTrue(config.pluginsDir().endsWith("plugins"));
  }

  @Test
  void anExternalDatabaseNeedsBothAccounts() {
    PacteConfig config = PacteConfig.from(Map.of("PACTE_DB_URL", "jdbc:postgresql://db:5432/pacte",
        "PACTE_DB_USER", "pacte_owner", "PACTE_DB_APP_USER", "pacte_app", "PACTE_HTTP_PORT", "9090"));
    assertEquals(9090, config.httpPort());
    assertEquals("pacte_app", config.database().orElseThrow().appUser());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> PacteConfig.from(Map.of("PACTE_DB_URL", "jdbc:postgresql://db/pacte", "PACTE_DB_USER", "o")));
    assertTrue(missing.getMessage().contains("PACTE_DB_APP_USER"));
    assertThrows(IllegalArgumentException.class, () -> PacteConfig.from(Map.of("PACTE_HTTP_PORT", "quatre-vingt")));
  }

  @Test
  void thePoolHoldsSixteenConnectionsUnlessSetOtherwise() {
    assertEquals(16, PacteConfig.from(Map.of()).dbPoolSize());
    assertEquals(6, PacteConfig.from(Map.of("PACTE_DB_POOL_SIZE", "6")).dbPoolSize());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> PacteConfig.from(Map.of("PACTE_DB_POOL_SIZE", "0")));
    assertTrue(zero.getMessage().contains("PACTE_DB_POOL_SIZE"));
    assertThrows(IllegalArgumentException.class, () -> PacteConfig.from(Map.of("PACTE_DB_POOL_SIZE", "seize")));
  }

  @Test
  void httpIsServedByOneInstancePerCoreUnlessSetOtherwise() {
    assertEquals(Runtime.getRuntime().availableProcessors(), PacteConfig.from(Map.of()).httpInstances());
    assertEquals(3, PacteConfig.from(Map.of("PACTE_HTTP_INSTANCES", "3")).httpInstances());
    assertThrows(IllegalArgumentException.class, () -> PacteConfig.from(Map.of("PACTE_HTTP_INSTANCES", "-1")));
  }

  @Test
  void theRequestPoolMayGoThroughAPoolerWhileSignalsStayDirect() {
    Map<String, String> external = Map.of("PACTE_DB_URL", "postgresql://db:5432/pacte", "PACTE_DB_USER", "o",
        "PACTE_DB_APP_USER", "a");
    assertEquals(null, PacteConfig.from(external).database().orElseThrow().appPoolUrl());
    Map<String, String> pooled = new java.util.HashMap<>(external);
    pooled.put("PACTE_DB_APP_URL", "postgresql://pgbouncer:6432/pacte");
    PacteConfig.ExternalDatabase database = PacteConfig.from(pooled).database().orElseThrow();
    assertEquals("postgresql://pgbouncer:6432/pacte", database.appPoolUrl());
    assertEquals("postgresql://db:5432/pacte", database.url());
  }

  @Test
  void aReadReplicaIsOptionalAndOnlyForTheApplicationAccountsReads() {
    Map<String, String> external = Map.of("PACTE_DB_URL", "postgresql://db:5432/pacte", "PACTE_DB_USER", "o",
        "PACTE_DB_APP_USER", "a");
    assertEquals(null, PacteConfig.from(external).database().orElseThrow().readUrl());
    Map<String, String> replicated = new java.util.HashMap<>(external);
    replicated.put("PACTE_DB_READ_URL", "postgresql://replica:5432/pacte");
    PacteConfig.ExternalDatabase database = PacteConfig.from(replicated).database().orElseThrow();
    assertEquals("postgresql://replica:5432/pacte", database.readUrl());
    assertEquals("postgresql://db:5432/pacte", database.url(), "migrations and signals stay on the primary");
    assertEquals(null, database.appPoolUrl());
  }
}

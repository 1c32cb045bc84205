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
}

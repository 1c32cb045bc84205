package fr.pacte.server.database;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatementGuardTest {

  @Test
  void allowsReadingAndWritingRows() {
    assertDoesNotThrow(() -> StatementGuard.check("SELECT * FROM mobility_platform.solicitations WHERE id = $1"));
    assertDoesNotThrow(() -> StatementGuard.check("  insert into x.y (tenant_id, reset_count) values ($1, 0)"));
    assertDoesNotThrow(() -> StatementGuard.check("WITH a AS (SELECT 1) UPDATE x.y SET settings = $1"));
    assertDoesNotThrow(() -> StatementGuard.check("DELETE FROM x.y WHERE id = $1"));
  }

  @Test
  void refusesWhatWouldLeaveTheTenant() {
    for (String sql : new String[] {
        "SELECT set_config('pacte.tenant_id', 'allier', true)",
        "SET LOCAL pacte.tenant_id = 'allier'",
        "/* hidden */ reset all",
        "-- comment\nRESET pacte.tenant_id",
        "SELECT current_setting('pacte.tenant_id')",
        "set role postgres",
        "SELECT 1; SET ROLE postgres",
        "COMMIT",
        "CREATE TABLE x (a int)",
        "DISCARD ALL"}) {
      assertThrows(IllegalArgumentException.class, () -> StatementGuard.check(sql), sql);
    }
  }
}

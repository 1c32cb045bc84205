package fr.pacte.server.database;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Refuses the statements a plugin could use to leave its tenant's transaction: changing the tenant setting,
 * the role or the session, or ending the transaction. Row-level security does the isolation; this guard
 * keeps plugin code from switching the tenant that row-level security reads.
 */
final class StatementGuard {

  private static final Pattern COMMENTS = Pattern.compile("--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
  private static final Pattern FORBIDDEN_START = Pattern.compile(
      "^\\s*(set|reset|discard|begin|start|commit|rollback|end|abort|savepoint|release|prepare|listen|notify|"
          + "create|alter|drop|grant|revoke|copy|do|call|security|load|vacuum|truncate)\\b");
  private static final Pattern FORBIDDEN_ANYWHERE = Pattern.compile(
      "set_config|pacte\\.tenant_id|pacte\\.people_scope|\\bset\\s+(local\\s+|session\\s+)?role\\b|session_authorization|pg_read_file|dblink");

  private StatementGuard() {
  }

  /** @throws IllegalArgumentException with the reason when the statement is not allowed */
  static void check(String sql) {
    String normalised = COMMENTS.matcher(sql).replaceAll(" ").toLowerCase(Locale.ROOT);
    if (FORBIDDEN_START.matcher(normalised).find() || FORBIDDEN_ANYWHERE.matcher(normalised).find()) {
      throw new IllegalArgumentException(
          "Statement refused: plugins may only read and write their tenant's rows (no SET, RESET, set_config, DDL or transaction control)");
    }
  }
}

package fr.pacte.server.web;

import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.text.TextRules;
import fr.pacte.server.web.Problem.FieldError;
import io.vertx.pgclient.PgException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database errors a caller's input can cause, as the problem the caller should have had (the failure handler
 * asks here before answering 500). Checks made before
 * the database (an existing SIRET, a taken username) lose races: two requests pass the check, the unique index
 * refuses the second, and that must be a 409 naming the field, never a 500. Other SQLSTATEs pass unchanged.
 */
public final class DatabaseProblems {

  static final String DUPLICATE_TYPE = "deja-utilise";
  private static final String UNIQUE_VIOLATION = "23505";
  /** "Key (tenant_id, rna)=(somme, W123456789) already exists." */
  private static final Pattern KEY = Pattern.compile("Key \\(([^)]*)\\)=");

  private DatabaseProblems() {
  }

  /** {@code error} as a caller's problem when the database refused the caller's values; otherwise {@code error}. */
  public static Throwable translate(Throwable error) {
    return problemOf(error).<Throwable>map(problem -> problem).orElse(error);
  }

  public static Optional<Problem> problemOf(Throwable error) {
    if (error instanceof TenantTransactions.NotATenant notATenant) {
      // A malformed identifier names no tenant: the same answer as an unknown one.
      return Optional.of(Problem.notFound("Aucun département « " + notATenant.identifier() + " » sur cette plateforme."));
    }
    if (!(error instanceof PgException pg) || pg.getSqlState() == null) {
      return Optional.empty();
    }
    return switch (pg.getSqlState()) {
      case UNIQUE_VIOLATION -> Optional.of(duplicate(field(pg)));
      // value too long for its column, or for an index row: the input validators should have said so first
      case "22001", "54000" -> Optional.of(Problem.badRequest("Une valeur est trop longue."));
      // NUL or a malformed character in a text
      case "22021", "22P05" -> Optional.of(Problem.badRequest(TextRules.CONTROL_MESSAGE));
      default -> Optional.empty();
    };
  }

  /** True for the 409 of a unique-index refusal (translated or not). */
  public static boolean isDuplicate(Throwable error) {
    return error instanceof Problem problem ? problem.type().equals(DUPLICATE_TYPE)
        : error instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
  }

  static Problem duplicate(String field) {
    return alreadyUsed(field, "Cette valeur est déjà utilisée.");
  }

  /**
   * A value another record already holds, as a check before the write finds it: the same 409 naming the field as the
   * unique index gives when two requests pass that check together, so a caller sees one answer whichever came first.
   */
  public static Problem alreadyUsed(String field, String message) {
    return new Problem(409, DUPLICATE_TYPE, "Valeur déjà utilisée",
        "La valeur du champ « " + field + " » est déjà utilisée par un autre enregistrement.",
        List.of(new FieldError(field, message)));
  }

  /** The field named by the index: its last column but the tenant, in the API's camelCase. */
  static String field(PgException pg) {
    Matcher key = KEY.matcher(String.valueOf(pg.getDetail()));
    if (key.find()) {
      List<String> columns = Arrays.stream(key.group(1).split(","))
          .map(String::trim).map(column -> column.replace("\"", "")).filter(column -> !column.equals("tenant_id")).toList();
      if (!columns.isEmpty()) {
        return camelCase(columns.get(columns.size() - 1));
      }
    }
    String constraint = pg.getConstraint();
    if (constraint != null && constraint.contains("_")) {
      String last = constraint.replaceAll("_(key|pkey|idx)$", "");
      return camelCase(last.substring(last.lastIndexOf('_') + 1));
    }
    return "id";
  }

  static String camelCase(String column) {
    StringBuilder field = new StringBuilder();
    boolean upper = false;
    for (char c : column.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        field.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return field.toString();
  }
}

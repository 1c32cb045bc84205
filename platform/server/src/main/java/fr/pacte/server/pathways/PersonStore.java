package fr.pacte.server.pathways;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of people, the reads of their data and the tenant's retention setting. Row-level security keeps the tenant. */
public final class PersonStore {

  private static final String COLUMNS = """
      p.id, p.family_name, p.first_names, p.birth_date, p.commune, p.territory, p.email, p.phone, p.rsa_recipient,
      p.rsa_checked_on, p.iae_eligible, p.referent_username, p.referent_name, p.referent_organisation_kind,
      p.referent_organisation, p.caf_number, p.france_travail_id, p.pseudonymised_at, p.version""";
  /** $1 territories (null: any), $2 organisation (null: any), $3 référent (null: any). */
  private static final String IN_REACH = """
      ($1::text[] IS NULL OR p.territory = ANY($1)
         OR EXISTS (SELECT 1 FROM platform.orientation o WHERE o.tenant_id = p.tenant_id AND o.person_id = p.id
                    AND o.territory = ANY($1)))
      AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM platform.orientation o WHERE o.tenant_id = p.tenant_id
                    AND o.person_id = p.id AND o.organisation_id = $2))
      AND ($3::text IS NULL OR p.referent_username = $3)""";
  private static final String SEARCH = "SELECT " + COLUMNS + " FROM platform.person p WHERE " + IN_REACH + """
       AND ($4::text IS NULL OR lower(p.family_name) LIKE lower($4) || '%')
      ORDER BY lower(p.family_name), lower(p.first_names), p.id
      LIMIT $5""";
  /** Whether the tenant has anyone at all: the start-up's check for its demonstration people, in one index probe. */
  private static final String ANY_PERSON = "SELECT EXISTS (SELECT 1 FROM platform.person)";
  private static final String ONE = "SELECT " + COLUMNS + " FROM platform.person p WHERE p.id = $4 AND " + IN_REACH;
  private static final String ANY_ONE = "SELECT " + COLUMNS + " FROM platform.person p WHERE p.id = $1";
  private static final String DUPLICATES = "SELECT " + COLUMNS + """
       FROM platform.person p
      WHERE lower(p.family_name) = lower($1) AND p.birth_date = $2 AND p.pseudonymised_at IS NULL
      ORDER BY p.created_at""";
  private static final String INSERT = """
      INSERT INTO platform.person (tenant_id, family_name, first_names, birth_date, commune, territory, email, phone,
        rsa_recipient, rsa_checked_on, iae_eligible, referent_username, referent_name, referent_organisation_kind,
        referent_organisation, caf_number, france_travail_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id""";
  private static final String LOCK_VERSION = "SELECT version FROM platform.person WHERE id = $1 FOR UPDATE";
  private static final String UPDATE = """
      UPDATE platform.person SET family_name = $2, first_names = $3, birth_date = $4, commune = $5, territory = $6,
        email = $7, phone = $8, rsa_recipient = $9, rsa_checked_on = $10, iae_eligible = $11, referent_username = $12,
        referent_name = $13, referent_organisation_kind = $14, referent_organisation = $15, caf_number = $16,
        france_travail_id = $17, version = version + 1, updated_at = now()
      WHERE id = $1""";
  /** Keeps what statistics need (birth year, commune, territory, RSA status), removes what names the person. */
  private static final String PSEUDONYMISE = """
      UPDATE platform.person SET family_name = 'Personne ' || upper(substr(replace(id::text, '-', ''), 1, 8)),
        first_names = '', birth_date = make_date(extract(year FROM birth_date)::int, 1, 1), email = NULL, phone = NULL,
        caf_number = NULL, france_travail_id = NULL, pseudonymised_at = $2, version = version + 1, updated_at = now()
      WHERE id = $1 AND pseudonymised_at IS NULL""";
  /** Free text written about the person on their participations: the evaluation's comments, the operator's notes. */
  private static final String CLEAR_COMMENTS = """
      WITH theirs AS (SELECT id FROM platform.orientation WHERE person_id = $1),
      progress AS (UPDATE platform.progress_assessment SET comment = NULL
                   WHERE orientation_id IN (SELECT id FROM theirs) AND comment IS NOT NULL),
      satisfaction AS (UPDATE platform.satisfaction_answer SET comment = NULL
                       WHERE orientation_id IN (SELECT id FROM theirs) AND comment IS NOT NULL)
      UPDATE platform.orientation SET refusal_comment = NULL, exit_comment = NULL, note_for_referent = NULL
      WHERE person_id = $1""";
  private static final String LOG_READ = """
      INSERT INTO platform.person_access (tenant_id, actor, actor_name, route, kind, person_ids, request_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7)""";
  private static final String READS = """
      SELECT a.read_at, a.actor, a.actor_name, a.route, a.kind, a.person_ids, a.request_id FROM platform.person_access a
      WHERE ($1::uuid IS NULL OR a.person_ids @> ARRAY[$1::uuid])
      ORDER BY a.read_at DESC, a.id DESC LIMIT $2""";
  private static final String RETENTION = "SELECT retention_months FROM platform.pathway_setting";
  private static final String SET_RETENTION = """
      INSERT INTO platform.pathway_setting (tenant_id, retention_months) VALUES ($1, $2)
      ON CONFLICT (tenant_id) DO UPDATE SET retention_months = excluded.retention_months""";
  private static final String RETENTION_LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('pacte.pathways.retention'), hashtext($1)) AS locked";
  /** People whose every orientation is closed, the last exit before $1, never pseudonymised. */
  private static final String DUE_FOR_PSEUDONYMISATION = """
      SELECT p.id FROM platform.person p
      WHERE p.pseudonymised_at IS NULL
        AND EXISTS (SELECT 1 FROM platform.orientation o WHERE o.tenant_id = p.tenant_id AND o.person_id = p.id
                    AND o.state = 'exited')
        AND NOT EXISTS (SELECT 1 FROM platform.orientation o WHERE o.tenant_id = p.tenant_id AND o.person_id = p.id
                        AND (o.state IN ('proposed', 'waiting', 'in') OR (o.state = 'exited' AND o.exit_date >= $1)))
      LIMIT 1000""";

  /** One read of personal data. */
  public record Read(OffsetDateTime at, String actor, String actorName, String route, String kind, List<UUID> people,
                     String requestId) {

    public JsonObject toJson() {
      return new JsonObject().put("at", at.toString()).put("actor", actor).put("actorName", actorName).put("route", route)
          .put("kind", kind).put("people", new JsonArray(people.stream().map(UUID::toString).toList()))
          .put("requestId", requestId);
    }
  }

  public Future<List<Person>> search(SqlConnection connection, Reach reach, String namePrefix, int limit) {
    return connection.preparedQuery(SEARCH).execute(Tuple.from(new Object[] {reach.territoryArray(), reach.organisation(),
        reach.referent(), namePrefix, limit})).map(PersonStore::people);
  }

  public Future<Boolean> any(SqlConnection connection) {
    return connection.query(ANY_PERSON).execute().map(rows -> rows.iterator().next().getBoolean(0));
  }

  public Future<Optional<Person>> find(SqlConnection connection, Reach reach, UUID id) {
    return connection.preparedQuery(ONE).execute(Tuple.from(new Object[] {reach.territoryArray(), reach.organisation(),
        reach.referent(), id})).map(rows -> people(rows).stream().findFirst());
  }

  public Future<Optional<Person>> findAny(SqlConnection connection, UUID id) {
    return connection.preparedQuery(ANY_ONE).execute(Tuple.of(id)).map(rows -> people(rows).stream().findFirst());
  }

  public Future<List<Person>> duplicates(SqlConnection connection, String familyName, LocalDate birthDate) {
    return connection.preparedQuery(DUPLICATES).execute(Tuple.of(familyName, birthDate)).map(PersonStore::people);
  }

  public Future<UUID> insert(SqlConnection connection, String tenant, Person.Details d) {
    return connection.preparedQuery(INSERT).execute(Tuple.from(values(tenant, d)))
        .map(rows -> rows.iterator().next().getUUID("id"));
  }

  public Future<Optional<Integer>> lockVersion(SqlConnection connection, UUID id) {
    return connection.preparedQuery(LOCK_VERSION).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getInteger("version")));
  }

  public Future<Void> update(SqlConnection connection, UUID id, Person.Details d) {
    return connection.preparedQuery(UPDATE).execute(Tuple.from(values(id, d))).mapEmpty();
  }

  public Future<Boolean> pseudonymise(SqlConnection connection, UUID id, Instant at) {
    return connection.preparedQuery(PSEUDONYMISE).execute(Tuple.of(id, at.atOffset(ZoneOffset.UTC)))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
            : connection.preparedQuery(CLEAR_COMMENTS).execute(Tuple.of(id)).map(true));
  }

  public Future<Void> logRead(SqlConnection connection, String tenant, String actor, String actorName, String route,
                              String kind, List<UUID> people, String requestId) {
    return connection.preparedQuery(LOG_READ).execute(Tuple.from(new Object[] {tenant, actor, actorName, route, kind,
        people.toArray(UUID[]::new), requestId})).mapEmpty();
  }

  public Future<List<Read>> reads(SqlConnection connection, UUID person, int limit) {
    return connection.preparedQuery(READS).execute(Tuple.of(person, limit)).map(rows -> {
      List<Read> reads = new ArrayList<>();
      for (Row row : rows) {
        reads.add(new Read(row.getOffsetDateTime("read_at"), row.getString("actor"), row.getString("actor_name"),
            row.getString("route"), row.getString("kind"), List.of(row.getArrayOfUUIDs("person_ids")),
            row.getString("request_id")));
      }
      return reads;
    });
  }

  public Future<Integer> retentionMonths(SqlConnection connection, int fallback) {
    return connection.query(RETENTION).execute()
        .map(rows -> rows.size() == 0 ? fallback : rows.iterator().next().getInteger("retention_months"));
  }

  public Future<Void> setRetentionMonths(SqlConnection connection, String tenant, int months) {
    return connection.preparedQuery(SET_RETENTION).execute(Tuple.of(tenant, months)).mapEmpty();
  }

  /** Takes the tenant's retention lock for this transaction, unless another node holds it. */
  public Future<Boolean> retentionLock(SqlConnection connection, String tenant) {
    return connection.preparedQuery(RETENTION_LOCK).execute(Tuple.of(tenant))
        .map(rows -> rows.iterator().next().getBoolean("locked"));
  }

  public Future<List<UUID>> dueForPseudonymisation(SqlConnection connection, LocalDate exitedBefore) {
    return connection.preparedQuery(DUE_FOR_PSEUDONYMISATION).execute(Tuple.of(exitedBefore)).map(rows -> {
      List<UUID> ids = new ArrayList<>();
      rows.forEach(row -> ids.add(row.getUUID("id")));
      return ids;
    });
  }

  private static Object[] values(Object first, Person.Details d) {
    return new Object[] {first, d.familyName(), d.firstNames(), d.birthDate(), d.commune(), d.territory(), d.email(),
        d.phone(), d.rsaRecipient(), d.rsaCheckedOn(), d.iaeEligible(), d.referentUsername(), d.referentName(),
        d.referentOrganisationKind(), d.referentOrganisation(), d.cafNumber(), d.franceTravailId()};
  }

  static List<Person> people(RowSet<Row> rows) {
    List<Person> people = new ArrayList<>();
    for (Row row : rows) {
      people.add(new Person(row.getUUID("id"), new Person.Details(row.getString("family_name"), row.getString("first_names"),
          row.getLocalDate("birth_date"), row.getString("commune"), row.getString("territory"), row.getString("email"),
          row.getString("phone"), row.getBoolean("rsa_recipient"), row.getLocalDate("rsa_checked_on"),
          row.getBoolean("iae_eligible"), row.getString("referent_username"), row.getString("referent_name"),
          row.getString("referent_organisation_kind"), row.getString("referent_organisation"), row.getString("caf_number"),
          row.getString("france_travail_id")), row.getValue("pseudonymised_at") != null, row.getInteger("version")));
    }
    return people;
  }
}

package fr.pacte.server.pathways;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of the requests sent from the public offer page. */
public final class SelfPositioningStore {

  private static final String COLUMNS = """
      s.id, s.offer_id, coalesce(i.title, '(offre supprimée)') AS offer_title, s.territory, s.organisation_id,
      s.family_name, s.first_names, s.birth_date, s.commune, s.email, s.phone, s.rsa_recipient, s.message, s.person_id,
      s.created_at, s.expired_at""";
  private static final String FROM = " " + """
       FROM platform.self_positioning s
       LEFT JOIN platform.offer_item i ON i.tenant_id = s.tenant_id AND i.id = s.offer_id""";
  /** $1 organisation, $2 territories (each null: any). */
  private static final String LIST = "SELECT " + COLUMNS + FROM + """
       WHERE ($1::text IS NULL OR s.organisation_id = $1) AND ($2::text[] IS NULL OR s.territory = ANY($2))
      ORDER BY s.created_at, s.id LIMIT 500""";
  private static final String ONE = "SELECT " + COLUMNS + FROM + " WHERE s.id = $1 FOR UPDATE OF s";
  private static final String INSERT = """
      INSERT INTO platform.self_positioning (tenant_id, offer_id, territory, organisation_id, family_name, first_names,
        birth_date, commune, email, phone, rsa_recipient, message, address_hash)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id""";
  /** Served by self_positioning_by_address and self_positioning_recent. */
  private static final String RECENT = """
      SELECT count(*) FILTER (WHERE address_hash = $1) AS from_address, count(*) AS all_requests
      FROM platform.self_positioning WHERE created_at > $2""";
  private static final String DELETE = "DELETE FROM platform.self_positioning WHERE id = $1";
  /**
   * One statement marks the requests received before $1 and still undecided: of two nodes running it at once, the
   * second waits for the first's row locks, then finds those rows no longer undecided, so each expires (and its
   * person is told) once. Served by self_positioning_recent (tenant_id, created_at).
   */
  private static final String EXPIRE = """
      UPDATE platform.self_positioning s SET expired_at = $2
       WHERE s.created_at < $1 AND s.expired_at IS NULL
      RETURNING""" + " " + COLUMNS.replace("coalesce(i.title, '(offre supprimée)')", """
      coalesce((SELECT i.title FROM platform.offer_item i WHERE i.tenant_id = s.tenant_id AND i.id = s.offer_id),
               '(offre supprimée)')""");
  private static final String ERASE_EXPIRED = "DELETE FROM platform.self_positioning WHERE expired_at < $1";

  public Future<List<SelfPositioning>> list(SqlConnection connection, Reach reach) {
    return connection.preparedQuery(LIST).execute(Tuple.tuple().addString(reach.organisation())
            .addArrayOfString(reach.territoryArray()))
        .map(SelfPositioningStore::rows);
  }

  public Future<Optional<SelfPositioning>> lock(SqlConnection connection, UUID id) {
    return connection.preparedQuery(ONE).execute(Tuple.of(id)).map(rows -> rows(rows).stream().findFirst());
  }

  /** Requests received since {@code since}: from this address, and in all. */
  public Future<long[]> recent(SqlConnection connection, String addressHash, OffsetDateTime since) {
    return connection.preparedQuery(RECENT).execute(Tuple.of(addressHash, since)).map(rows -> {
      Row row = rows.iterator().next();
      return new long[] {row.getLong("from_address"), row.getLong("all_requests")};
    });
  }

  public Future<UUID> insert(SqlConnection connection, String tenant, SelfPositioning s, String addressHash) {
    return connection.preparedQuery(INSERT).execute(Tuple.from(new Object[] {tenant, s.offerId(), s.territory(),
            s.organisationId(), s.familyName(), s.firstNames(), s.birthDate(), s.commune(), s.email(), s.phone(),
            s.rsaRecipient(), s.message(), addressHash}))
        .map(rows -> rows.iterator().next().getUUID("id"));
  }

  public Future<Void> delete(SqlConnection connection, UUID id) {
    return connection.preparedQuery(DELETE).execute(Tuple.of(id)).mapEmpty();
  }

  /** Marks the undecided requests received before {@code receivedBefore} as expired at {@code now}; returns them. */
  public Future<List<SelfPositioning>> expire(SqlConnection connection, OffsetDateTime receivedBefore, OffsetDateTime now) {
    return connection.preparedQuery(EXPIRE).execute(Tuple.of(receivedBefore, now)).map(SelfPositioningStore::rows);
  }

  /** Erases the requests expired before {@code expiredBefore}; returns how many. */
  public Future<Integer> eraseExpired(SqlConnection connection, OffsetDateTime expiredBefore) {
    return connection.preparedQuery(ERASE_EXPIRED).execute(Tuple.of(expiredBefore)).map(RowSet::rowCount);
  }

  private static List<SelfPositioning> rows(RowSet<Row> rows) {
    List<SelfPositioning> list = new ArrayList<>();
    for (Row row : rows) {
      list.add(new SelfPositioning(row.getUUID("id"), row.getUUID("offer_id"), row.getString("offer_title"),
          row.getString("territory"), row.getString("organisation_id"), row.getString("family_name"),
          row.getString("first_names"), row.getLocalDate("birth_date"), row.getString("commune"), row.getString("email"),
          row.getString("phone"), row.getBoolean("rsa_recipient"), row.getString("message"), row.getUUID("person_id"),
          row.getOffsetDateTime("created_at"), row.getOffsetDateTime("expired_at")));
    }
    return list;
  }
}

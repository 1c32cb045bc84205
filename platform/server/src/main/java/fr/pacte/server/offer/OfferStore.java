package fr.pacte.server.offer;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of the offer catalogue. */
public final class OfferStore {

  private static final String SELECT = """
      SELECT i.id, i.action_type, i.organisation_id, o.name AS organisation_name, i.title, i.description, i.period_start,
             i.period_end, i.schedule, i.funders, i.programme_action, i.thematiques, i.publics, i.contact_email,
             i.contact_phone, i.location, i.version, i.updated_at,
             coalesce((SELECT json_agg(json_build_object('territory', p.territory, 'capacity', p.capacity, 'taken', p.taken)
                                       ORDER BY p.territory)
                       FROM platform.offer_place p WHERE p.tenant_id = i.tenant_id AND p.offer_id = i.id), '[]'::json) AS places
      FROM platform.offer_item i
      JOIN platform.organisation o ON o.tenant_id = i.tenant_id AND o.id = i.organisation_id
      """;
  /** Only action types passed in $1 (those of enabled plugins) ever come out. */
  private static final String SEARCH = SELECT + """
      WHERE i.action_type = ANY($1)
        AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM platform.offer_place p
                                         WHERE p.tenant_id = i.tenant_id AND p.offer_id = i.id AND p.territory = $2))
        AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM unnest(i.thematiques) t WHERE t = $3 OR t LIKE $3 || '--%'))
        AND ($4::text IS NULL OR $4 = ANY (i.publics))
        AND ($5::date IS NULL OR i.period_end >= $5)
        AND ($6::text IS NULL OR i.organisation_id = $6)
      ORDER BY lower(i.title), i.id""";
  private static final String ONE = SELECT + " WHERE i.id = $1";
  private static final String LOCK_VERSION = "SELECT version FROM platform.offer_item WHERE id = $1 FOR UPDATE";
  private static final String INSERT = """
      INSERT INTO platform.offer_item (tenant_id, action_type, organisation_id, title, description, period_start, period_end,
                                       schedule, funders, programme_action, thematiques, publics, contact_email,
                                       contact_phone, location)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id""";
  private static final String UPDATE = """
      UPDATE platform.offer_item SET action_type = $2, organisation_id = $3, title = $4, description = $5, period_start = $6,
             period_end = $7, schedule = $8, funders = $9, programme_action = $10, thematiques = $11, publics = $12,
             contact_email = $13, contact_phone = $14, location = $15, version = version + 1, updated_at = now()
      WHERE id = $1""";
  private static final String DELETE_PLACES = "DELETE FROM platform.offer_place WHERE offer_id = $1";
  private static final String INSERT_PLACE = """
      INSERT INTO platform.offer_place (tenant_id, offer_id, territory, capacity, taken) VALUES ($1, $2, $3, $4, $5)""";
  private static final String DELETE = "DELETE FROM platform.offer_item WHERE id = $1";
  private static final String ORGANISATION_EXISTS = "SELECT 1 FROM platform.organisation WHERE id = $1";
  private static final String PROGRAMME_ACTION_EXISTS =
      "SELECT 1 FROM platform.programme_action WHERE programme_code = $1 AND code = $2";

  /** Search criteria; null means any. */
  public record Criteria(List<String> actionTypes, String territory, String thematique, String publicCode, LocalDate endingFrom,
                         String organisation) {
  }

  public Future<List<OfferItem>> search(SqlConnection connection, Criteria criteria) {
    return connection.preparedQuery(SEARCH).execute(Tuple.of(criteria.actionTypes().toArray(String[]::new), criteria.territory(),
            criteria.thematique(), criteria.publicCode(), criteria.endingFrom(), criteria.organisation()))
        .map(OfferStore::items);
  }

  public Future<Optional<OfferItem>> find(SqlConnection connection, UUID id) {
    return connection.preparedQuery(ONE).execute(Tuple.of(id)).map(rows -> items(rows).stream().findFirst());
  }

  /** The version of an item, locked until the transaction ends; empty if there is no such item. */
  public Future<Optional<Integer>> lockVersion(SqlConnection connection, UUID id) {
    return connection.preparedQuery(LOCK_VERSION).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getInteger("version")));
  }

  public Future<Boolean> organisationExists(SqlConnection connection, String id) {
    return connection.preparedQuery(ORGANISATION_EXISTS).execute(Tuple.of(id)).map(rows -> rows.size() > 0);
  }

  /** Whether {@code reference} ("programme/action", e.g. pdi-pti-2022-2025/1-1-1) names an action of the tenant. */
  public Future<Boolean> programmeActionExists(SqlConnection connection, String reference) {
    int slash = reference.indexOf('/');
    return connection.preparedQuery(PROGRAMME_ACTION_EXISTS)
        .execute(Tuple.of(reference.substring(0, slash), reference.substring(slash + 1))).map(rows -> rows.size() > 0);
  }

  public Future<UUID> insert(SqlConnection connection, String tenantId, OfferItem item) {
    return connection.preparedQuery(INSERT).execute(Tuple.from(values(tenantId, item)))
        .map(rows -> rows.iterator().next().getUUID("id"))
        .compose(id -> replacePlaces(connection, tenantId, id, item.places()).map(id));
  }

  public Future<Void> update(SqlConnection connection, String tenantId, UUID id, OfferItem item) {
    return connection.preparedQuery(UPDATE).execute(Tuple.from(values(id, item)))
        .compose(updated -> connection.preparedQuery(DELETE_PLACES).execute(Tuple.of(id)))
        .compose(deleted -> replacePlaces(connection, tenantId, id, item.places()));
  }

  public Future<Void> delete(SqlConnection connection, UUID id) {
    return connection.preparedQuery(DELETE).execute(Tuple.of(id)).mapEmpty();
  }

  private Future<Void> replacePlaces(SqlConnection connection, String tenantId, UUID id, List<OfferItem.Place> places) {
    List<Tuple> batch = places.stream().map(p -> Tuple.of(tenantId, id, p.territory(), p.capacity(), p.taken())).toList();
    return batch.isEmpty() ? Future.succeededFuture() : connection.preparedQuery(INSERT_PLACE).executeBatch(batch).mapEmpty();
  }

  private static Object[] values(Object first, OfferItem item) {
    return new Object[] {first, item.actionType(), item.organisationId(), item.title(), item.description(), item.periodStart(),
        item.periodEnd(), item.schedule(), item.funders().toArray(String[]::new), item.programmeAction(),
        item.thematiques().toArray(String[]::new), item.publics().toArray(String[]::new), item.contactEmail(),
        item.contactPhone(), item.location()};
  }

  private static List<OfferItem> items(RowSet<Row> rows) {
    List<OfferItem> items = new ArrayList<>();
    for (Row row : rows) {
      Object placesJson = row.getJson("places");
      JsonArray places = placesJson instanceof JsonArray array ? array : new JsonArray(String.valueOf(placesJson));
      items.add(new OfferItem(row.getUUID("id"), row.getString("action_type"), row.getString("organisation_id"),
          row.getString("organisation_name"), row.getString("title"), row.getString("description"),
          row.getLocalDate("period_start"), row.getLocalDate("period_end"), row.getString("schedule"),
          Arrays.asList(row.getArrayOfStrings("funders")), row.getString("programme_action"),
          Arrays.asList(row.getArrayOfStrings("thematiques")), Arrays.asList(row.getArrayOfStrings("publics")),
          row.getString("contact_email"), row.getString("contact_phone"), row.getString("location"),
          places.stream().map(p -> (JsonObject) p).map(p -> new OfferItem.Place(p.getString("territory"),
              p.getInteger("capacity"), p.getInteger("taken"))).toList(),
          row.getInteger("version"), row.getOffsetDateTime("updated_at")));
    }
    return items;
  }
}

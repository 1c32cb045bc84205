package fr.pacte.server.organisations;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL of organisations. */
public final class OrganisationStore {

  private static final String COLUMNS = """
      id, kind, name, siret, rna, legal_form, address, legal_representative, contacts, territories, version, updated_at""";
  private static final String ALL = "SELECT " + COLUMNS + " FROM platform.organisation ORDER BY lower(name), id";
  private static final String ONE = "SELECT " + COLUMNS + " FROM platform.organisation WHERE id = $1";
  private static final String LOCK = "SELECT " + COLUMNS + " FROM platform.organisation WHERE id = $1 FOR UPDATE";
  private static final String INSERT = """
      INSERT INTO platform.organisation (tenant_id, id, kind, name, siret, rna, legal_form, address, legal_representative,
                                         contacts, territories, demo)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
      ON CONFLICT (tenant_id, id) DO NOTHING
      RETURNING """ + " " + COLUMNS;
  private static final String UPDATE = """
      UPDATE platform.organisation SET kind = $2, name = $3, siret = $4, rna = $5, legal_form = $6, address = $7,
             legal_representative = $8, contacts = $9, territories = $10, version = version + 1, updated_at = now()
      WHERE id = $1
      RETURNING """ + " " + COLUMNS;
  private static final String HOLDER_OF = """
      SELECT id, CASE WHEN siret = $1 THEN 'siret' ELSE 'rna' END AS field
        FROM platform.organisation WHERE (siret = $1 OR rna = $2) AND id <> $3 ORDER BY field DESC LIMIT 1""";

  public Future<List<Organisation>> all(SqlConnection connection) {
    return connection.query(ALL).execute().map(OrganisationStore::organisations);
  }

  public Future<Optional<Organisation>> find(SqlConnection connection, String id) {
    return connection.preparedQuery(ONE).execute(Tuple.of(id)).map(rows -> organisations(rows).stream().findFirst());
  }

  public Future<Optional<Organisation>> lock(SqlConnection connection, String id) {
    return connection.preparedQuery(LOCK).execute(Tuple.of(id)).map(rows -> organisations(rows).stream().findFirst());
  }

  /** Inserts unless the id exists; empty when it did. */
  public Future<Optional<Organisation>> insert(SqlConnection connection, String tenantId, Organisation o, boolean demo) {
    return connection.preparedQuery(INSERT).execute(Tuple.from(new Object[] {tenantId, o.id(), o.kind(), o.name(), o.siret(),
            o.rna(), o.legalForm(), o.address().toJson(), o.legalRepresentative().toJson(), contacts(o),
            o.territories().toArray(String[]::new), demo}))
        .map(rows -> organisations(rows).stream().findFirst());
  }

  public Future<Organisation> update(SqlConnection connection, Organisation o) {
    return connection.preparedQuery(UPDATE).execute(Tuple.from(new Object[] {o.id(), o.kind(), o.name(), o.siret(), o.rna(),
            o.legalForm(), o.address().toJson(), o.legalRepresentative().toJson(), contacts(o),
            o.territories().toArray(String[]::new)}))
        .map(rows -> organisations(rows).get(0));
  }

  /** Another organisation of the tenant with the same SIRET or RNA, if any. */
  /** The organisation already holding {@code siret} or {@code rna}, and which of the two ("siret" first). */
  public Future<Optional<Holder>> holderOf(SqlConnection connection, String siret, String rna, String exceptId) {
    return connection.preparedQuery(HOLDER_OF).execute(Tuple.of(siret, rna, exceptId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new Holder(rows.iterator().next().getString("id"),
            rows.iterator().next().getString("field"))));
  }

  /** An organisation holding an identifier, and the field of that identifier. */
  public record Holder(String id, String field) {
  }

  private static JsonArray contacts(Organisation o) {
    return new JsonArray(o.contacts().stream().map(Organisation.Contact::toJson).toList());
  }

  private static List<Organisation> organisations(RowSet<Row> rows) {
    List<Organisation> list = new ArrayList<>();
    for (Row row : rows) {
      JsonArray contacts = (JsonArray) row.getJson("contacts");
      list.add(new Organisation(row.getString("id"), row.getString("kind"), row.getString("name"), row.getString("siret"),
          row.getString("rna"), row.getString("legal_form"), Organisation.Address.fromJson((JsonObject) row.getJson("address")),
          Organisation.Person.fromJson((JsonObject) row.getJson("legal_representative")),
          contacts.stream().map(c -> Organisation.Contact.fromJson((JsonObject) c)).toList(),
          Arrays.asList(row.getArrayOfStrings("territories")), row.getInteger("version"), row.getOffsetDateTime("updated_at")));
    }
    return list;
  }
}

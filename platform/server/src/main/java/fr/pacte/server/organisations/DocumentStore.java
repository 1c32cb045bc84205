package fr.pacte.server.organisations;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SQL of the document vault. Listings never read the files' content. */
public final class DocumentStore {

  private static final String VERSIONS = """
      SELECT d.id, d.organisation_id, d.kind, d.label, v.number, v.file_name, v.media_type, v.size_bytes, v.sha256,
             v.valid_until, v.uploaded_by, v.uploaded_at
      FROM platform.organisation_document d
      JOIN platform.document_version v ON v.tenant_id = d.tenant_id AND v.document_id = d.id
      """;
  private static final String OF_ORGANISATION = VERSIONS + " WHERE d.organisation_id = $1 ORDER BY d.kind, d.label, v.number DESC";
  private static final String ONE = VERSIONS + " WHERE d.organisation_id = $1 AND d.id = $2 ORDER BY v.number DESC";
  private static final String FIND_SLOT = """
      SELECT id FROM platform.organisation_document WHERE organisation_id = $1 AND kind = $2 AND label = $3""";
  /** Serialises uploads to one document (version numbers), without the UPDATE right row locks would need. */
  private static final String LOCK_SLOT = "SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))";
  private static final String INSERT_SLOT = """
      INSERT INTO platform.organisation_document (tenant_id, organisation_id, kind, label) VALUES ($1, $2, $3, $4)
      ON CONFLICT (tenant_id, organisation_id, kind, label) DO NOTHING RETURNING id""";
  private static final String INSERT_VERSION = """
      INSERT INTO platform.document_version (tenant_id, document_id, number, file_name, media_type, size_bytes, sha256,
                                             content, valid_until, uploaded_by)
      SELECT $1, $2, coalesce(max(number), 0) + 1, $3, $4, $5, $6, $7, $8, $9
      FROM platform.document_version WHERE document_id = $2
      RETURNING number""";
  private static final String CONTENT = """
      SELECT v.content, v.media_type, v.file_name FROM platform.document_version v
      JOIN platform.organisation_document d ON d.tenant_id = v.tenant_id AND d.id = v.document_id
      WHERE d.organisation_id = $1 AND v.document_id = $2 AND v.number = $3""";

  /** A file as stored. */
  public record Content(Buffer bytes, String mediaType, String fileName) {
  }

  public Future<List<VaultDocument>> ofOrganisation(SqlConnection connection, String organisationId) {
    return connection.preparedQuery(OF_ORGANISATION).execute(Tuple.of(organisationId)).map(DocumentStore::documents);
  }

  public Future<Optional<VaultDocument>> find(SqlConnection connection, String organisationId, UUID id) {
    return connection.preparedQuery(ONE).execute(Tuple.of(organisationId, id))
        .map(rows -> documents(rows).stream().findFirst());
  }

  /** The document of this kind and label, created if new; locked until the transaction ends. */
  public Future<UUID> slot(SqlConnection connection, String tenantId, String organisationId, DocumentKind kind, String label) {
    return connection.preparedQuery(INSERT_SLOT).execute(Tuple.of(tenantId, organisationId, kind.code(), label))
        .compose(inserted -> connection.preparedQuery(FIND_SLOT).execute(Tuple.of(organisationId, kind.code(), label)))
        .map(rows -> rows.iterator().next().getUUID("id"))
        .compose(id -> connection.preparedQuery(LOCK_SLOT).execute(Tuple.of(id.toString())).map(id));
  }

  /** Adds a version; returns its number. Callers hold the document's lock ({@link #slot}). */
  public Future<Integer> addVersion(SqlConnection connection, String tenantId, UUID documentId, String fileName,
                                    String mediaType, byte[] content, String sha256, LocalDate validUntil, String uploadedBy) {
    return connection.preparedQuery(INSERT_VERSION)
        .execute(Tuple.from(new Object[] {tenantId, documentId, fileName, mediaType, content.length, sha256,
            Buffer.buffer(content), validUntil, uploadedBy}))
        .map(rows -> rows.iterator().next().getInteger("number"));
  }

  public Future<Optional<Content>> content(SqlConnection connection, String organisationId, UUID documentId, int number) {
    return connection.preparedQuery(CONTENT).execute(Tuple.of(organisationId, documentId, number))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new Content(row.getBuffer("content"), row.getString("media_type"), row.getString("file_name")));
        });
  }

  private static List<VaultDocument> documents(RowSet<Row> rows) {
    Map<UUID, List<Row>> byDocument = new LinkedHashMap<>();
    rows.forEach(row -> byDocument.computeIfAbsent(row.getUUID("id"), id -> new ArrayList<>()).add(row));
    List<VaultDocument> documents = new ArrayList<>();
    byDocument.forEach((id, versions) -> {
      Row first = versions.get(0);
      documents.add(new VaultDocument(id, first.getString("organisation_id"),
          DocumentKind.of(first.getString("kind")).orElseThrow(), first.getString("label"),
          versions.stream().map(row -> new VaultDocument.Version(row.getInteger("number"), row.getString("file_name"),
              row.getString("media_type"), row.getInteger("size_bytes"), row.getString("sha256"),
              row.getLocalDate("valid_until"), row.getString("uploaded_by"), row.getOffsetDateTime("uploaded_at"))).toList()));
    });
    return documents;
  }
}

package fr.pacte.server.conventions;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of the documents attached to conventions. Listings never read the files' content. */
final class ConventionDocumentStore {

  private static final String COLUMNS = """
      id, convention_id, kind, label, year, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at""";
  private static final String OF_CONVENTION = "SELECT " + COLUMNS
      + " FROM platform.convention_document WHERE convention_id = $1 ORDER BY uploaded_at DESC, label";
  private static final String INSERT = """
      INSERT INTO platform.convention_document (tenant_id, convention_id, kind, label, year, file_name, media_type,
        size_bytes, sha256, content, uploaded_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id""";
  private static final String CONTENT = """
      SELECT content, media_type, file_name FROM platform.convention_document WHERE convention_id = $1 AND id = $2""";

  /** A file as stored. */
  record Content(Buffer bytes, String mediaType, String fileName) {
  }

  Future<List<ConventionDocument>> ofConvention(SqlConnection connection, UUID conventionId) {
    return connection.preparedQuery(OF_CONVENTION).execute(Tuple.of(conventionId)).map(rows -> {
      List<ConventionDocument> documents = new ArrayList<>();
      for (Row row : rows) {
        documents.add(new ConventionDocument(row.getUUID("id"), row.getUUID("convention_id"), row.getString("kind"),
            row.getString("label"), row.getInteger("year"), row.getString("file_name"), row.getString("media_type"),
            row.getInteger("size_bytes"), row.getString("sha256"), row.getString("uploaded_by"),
            row.getOffsetDateTime("uploaded_at")));
      }
      return documents;
    });
  }

  Future<UUID> insert(SqlConnection connection, String tenant, UUID conventionId, ConventionDocument.Upload upload,
                      String uploadedBy) {
    return connection.preparedQuery(INSERT).execute(Tuple.from(new Object[] {tenant, conventionId, upload.kind(),
            upload.label(), upload.year(), upload.fileName(), upload.mediaType(), upload.content().length, upload.sha256(),
            Buffer.buffer(upload.content()), uploadedBy}))
        .map(rows -> rows.iterator().next().getUUID("id"));
  }

  Future<Optional<Content>> content(SqlConnection connection, UUID conventionId, UUID documentId) {
    return connection.preparedQuery(CONTENT).execute(Tuple.of(conventionId, documentId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new Content(row.getBuffer("content"), row.getString("media_type"), row.getString("file_name")));
    });
  }
}

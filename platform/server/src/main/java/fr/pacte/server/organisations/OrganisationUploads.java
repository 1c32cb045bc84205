package fr.pacte.server.organisations;

import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Document uploads to the vault, for the API and the pages alike: their addresses and the checked upload ({@link UploadBodies} reads their bodies). */
public final class OrganisationUploads {

  static final String API_UPLOAD = OrganisationApi.API + "/:organisation/documents";
  static final String PAGE_UPLOAD = OrganisationPages.PAGES + "/:organisation/documents";
  private OrganisationUploads() {
  }

  /** The file and fields of an upload form, checked; a refusal lists every reason and nothing is written. */
  public static Future<DocumentUpload> read(Vertx vertx, RoutingContext request) {
    MultiMap form = request.request().formAttributes();
    return file(vertx, request).compose(sent -> vertx.executeBlocking(() -> DocumentUpload.check(form.get("kind"),
        form.get("label"), form.get("validUntil"), sent.name(), sent.content()), false));
  }

  /** A file sent in the field {@code file}: the name the browser gave and its bytes (both null when none was sent). */
  public record SentFile(String name, byte[] content) {
  }

  /**
   * The one file of an upload form, read from the temporary disk, at most {@link DocumentUpload#MAX_BYTES}; a second
   * file or a larger one is refused (400 naming the field {@code file}).
   */
  public static Future<SentFile> file(Vertx vertx, RoutingContext request) {
    List<FileUpload> files = request.fileUploads().stream().filter(f -> f.name().equals("file")).toList();
    if (files.size() > 1) {
      return Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("file", "Un seul fichier à la fois."))));
    }
    FileUpload file = files.isEmpty() ? null : files.get(0);
    if (file != null && file.size() > DocumentUpload.MAX_BYTES) {
      return Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("file", "Fichier refusé : il pèse "
          + DocumentUpload.megabytes(file.size()) + " Mio, la limite est de 10 Mio. Les documents déjà déposés n'ont pas changé."))));
    }
    if (file == null) {
      return Future.succeededFuture(new SentFile(null, null));
    }
    // Sniffing and hashing up to 10 MiB take tens of milliseconds: callers do it on a worker, not the event loop.
    return vertx.fileSystem().readFile(file.uploadedFileName()).map(buffer -> new SentFile(file.fileName(), buffer.getBytes()));
  }

}

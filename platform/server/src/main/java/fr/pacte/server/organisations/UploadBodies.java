package fr.pacte.server.organisations;

import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.web.RequestDeadline;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bodies of document uploads: files on a temporary disk, up to 10 MiB instead of the global 1 MiB. Mounted before
 * the global body handler, which then leaves these requests alone. Who may upload is decided before a byte of the
 * body is read, so that nobody without the right can tie up a connection or fill the disk; the body must then arrive
 * within {@link #DEADLINE} (and never stall for {@link RequestDeadline#BODY_STALL}). Temporary files are removed when
 * their request ends, whatever the outcome, and any left over (a crash) at start-up and at stop.
 */
public final class UploadBodies implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(UploadBodies.class);
  /** Room for the form fields and multipart framing around a file of the maximum size. */
  public static final long BODY_LIMIT = DocumentUpload.MAX_BYTES + 256 * 1024;
  /** An upload, from its headers to the answer: 10 MiB at about 90 KB/s at least. */
  public static final Duration DEADLINE = Duration.ofSeconds(120);

  private final Path directory;
  private final Handler<RoutingContext> authentication;
  private final Access access;

  /** @param directory this node's own folder for upload bodies (emptied now and at {@link #close}) */
  public UploadBodies(Path directory, Handler<RoutingContext> authentication, Access access) {
    this.directory = directory;
    this.authentication = authentication;
    this.access = access;
    removeLeftovers();
  }

  public void mount(Router router) {
    mount(router, List.of(OrganisationUploads.API_UPLOAD, OrganisationUploads.PAGE_UPLOAD), Permission.EDIT_ORGANISATIONS);
  }

  /** Reads the upload bodies of {@code paths} the same way, once the caller is known to hold {@code permission}. */
  public void mount(Router router, List<String> paths, Permission permission) {
    BodyHandler body = BodyHandler.create(directory.toString()).setBodyLimit(BODY_LIMIT)
        .setDeleteUploadedFilesOnEnd(true).setMergeFormAttributes(true);
    for (String path : paths) {
      router.post(path)
          .handler(RequestDeadline.of(DEADLINE))
          // Nothing of the body is read until the caller is known to be allowed; the body handler resumes it.
          .handler(request -> {
            request.request().pause();
            request.next();
          })
          .handler(authentication)
          .handler(access.to(permission));
      // A route of its own: Vert.x wants a body handler ahead of any other on its route.
      router.post(path).handler(body);
      router.post(path).failureHandler(UploadBodies::closeIfUnread);
    }
  }

  /** A refusal before the body was read: the rest of it would be taken for a next request, so close after answering. */
  private static void closeIfUnread(RoutingContext request) {
    if (!request.request().isEnded() && !request.response().headWritten()) {
      request.addEndHandler(done -> request.cancelAndCleanupFileUploads());
      RequestDeadline.closeAfterAnswer(request);
    }
    request.next();
  }

  private void removeLeftovers() {
    try {
      Files.createDirectories(directory);
      try (Stream<Path> files = Files.list(directory)) {
        long removed = files.filter(Files::isRegularFile).filter(UploadBodies::delete).count();
        if (removed > 0) {
          LOG.info("Removed {} temporary upload file(s) from {}", removed, directory);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the upload folder " + directory, e);
    }
  }

  private static boolean delete(Path file) {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Cannot remove the temporary upload file {}: {}", file, e.toString());
      return false;
    }
  }

  /** Call once the server has stopped: no upload is under way any more. */
  @Override
  public void close() {
    try {
      removeLeftovers();
    } catch (UncheckedIOException e) {
      LOG.warn("Cannot empty the upload folder {}: {}", directory, e.getCause().toString());
    }
  }
}

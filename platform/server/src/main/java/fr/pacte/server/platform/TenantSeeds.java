package fr.pacte.server.platform;

import fr.pacte.server.database.TenantTransactions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * The one way features load their files of {@code tenants/<slug>/} (the tenant itself, référentiels, programmes,
 * needs…): files are read and parsed off the event loop, then each is applied in one tenant transaction only if its
 * content changed since it was last applied, so edits made in the database afterwards survive restarts. A malformed
 * file fails the returned future with the parser's error (naming file, line and field), and start-up stops.
 */
public final class TenantSeeds {

  /** A file read from a tenant's folder. */
  public record Seed<T>(String tenant, String path, String displayName, String hash, T value) {
  }

  /** Reads one file; runs on a worker thread. */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(Path file, String displayName) throws IOException;
  }

  /** The file that makes a folder of {@code tenants/} a tenant. */
  public static final String TENANT_FILE = "tenant.yaml";

  private final Vertx vertx;
  private final TenantTransactions transactions;
  private final Path tenantsDir;
  private final Path displayRoot;
  private final SeedFileStore store = new SeedFileStore();

  public TenantSeeds(Vertx vertx, TenantTransactions transactions, Path tenantsDir) {
    this.vertx = vertx;
    this.transactions = transactions;
    this.tenantsDir = tenantsDir;
    this.displayRoot = tenantsDir.getParent() == null ? tenantsDir : tenantsDir.getParent();
  }

  /** The tenants that have a folder (one holding {@value #TENANT_FILE}), by slug. */
  public Future<List<String>> tenants() {
    return folders(TENANT_FILE);
  }

  /**
   * Reads and applies the files of every tenant's folder matching {@code glob}: a few tenants at a time
   * ({@link TenantTransactions#fewAtATime}), each tenant's files in name order; every file read is checked before any of the tenant's is applied.
   *
   * @param apply the work of one file, in its transaction
   */
  public <T> Future<Void> applyEach(String glob, Parser<T> parser, SeedWork<T> apply) {
    return tenants().compose(slugs -> transactions.fewAtATime(slugs, slug -> read(slug, glob, parser)
        .compose(files -> {
          Future<Void> chain = Future.succeededFuture();
          for (Seed<T> file : files) {
            chain = chain.compose(done -> applyOnce(file, connection -> apply.apply(connection, file))).mapEmpty();
          }
          return chain;
        }))).mapEmpty();
  }

  /** What applying one seed file writes. */
  @FunctionalInterface
  public interface SeedWork<T> {
    Future<Void> apply(SqlConnection connection, Seed<T> seed);
  }

  /** The folders of {@code tenants/} holding {@code marker} (e.g. {@code tenant.yaml}), by name. */
  public Future<List<String>> folders(String marker) {
    return blocking(() -> {
      List<String> names = new ArrayList<>();
      if (Files.isDirectory(tenantsDir)) {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(tenantsDir, Files::isDirectory)) {
          for (Path folder : folders) {
            if (Files.isRegularFile(folder.resolve(marker))) {
              names.add(folder.getFileName().toString());
            }
          }
        }
      }
      names.sort(null);
      return names;
    });
  }

  /**
   * Reads the files of a tenant's folder matching {@code glob} (relative to the folder, e.g. {@code referentiels.yaml}
   * or {@code programmes/*.yaml}), in name order, each hashed on its own content.
   */
  public <T> Future<List<Seed<T>>> read(String tenant, String glob, Parser<T> parser) {
    return blocking(() -> {
      List<Seed<T>> seeds = new ArrayList<>();
      for (Path file : matching(tenantsDir.resolve(tenant), glob)) {
        seeds.add(seed(tenant, file, parser, sha256(List.of(file), false)));
      }
      return seeds;
    });
  }

  /**
   * Reads {@code file} of a tenant's folder, hashed on every regular file of the folder (its logo, for a tenant):
   * a change to any of them applies it again.
   */
  public <T> Future<Seed<T>> readWithFolder(String tenant, String file, Parser<T> parser) {
    return blocking(() -> {
      Path folder = tenantsDir.resolve(tenant);
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, Files::isRegularFile)) {
        stream.forEach(files::add);
      }
      files.sort(null);
      return seed(tenant, folder.resolve(file), parser, sha256(files, true));
    });
  }

  /**
   * Applies a seed in one transaction of its tenant unless the same content was applied before; true if applied.
   * {@code work} runs with the seed locked, so that nodes starting together apply it once.
   */
  /** Runs per-tenant work of a seed phase a few tenants at a time (see {@link TenantTransactions#fewAtATime}). */
  public <T, R> Future<List<R>> fewAtATime(List<T> items, Function<T, Future<R>> work) {
    return transactions.fewAtATime(items, work);
  }

  public Future<Boolean> applyOnce(Seed<?> seed, Function<SqlConnection, Future<Void>> work) {
    return transactions.inTenant(seed.tenant(), connection -> store.lock(connection, seed.tenant(), seed.path())
        .compose(current -> current.isPresent() && current.get().equals(seed.hash())
            ? Future.succeededFuture(false)
            : work.apply(connection)
                .compose(done -> store.record(connection, seed.tenant(), seed.path(), seed.hash()))
                .map(true)));
  }

  private <T> Seed<T> seed(String tenant, Path file, Parser<T> parser, String hash) throws IOException {
    Path folder = tenantsDir.resolve(tenant);
    String path = folder.relativize(file).toString().replace('\\', '/');
    String displayName = displayRoot.relativize(file).toString().replace('\\', '/');
    return new Seed<>(tenant, path, displayName, hash, parser.parse(file, displayName));
  }

  private static List<Path> matching(Path folder, String glob) throws IOException {
    int slash = glob.lastIndexOf('/');
    Path directory = slash < 0 ? folder : folder.resolve(glob.substring(0, slash));
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(directory)) {
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, glob.substring(slash + 1))) {
        stream.forEach(file -> {
          if (Files.isRegularFile(file)) {
            files.add(file);
          }
        });
      }
    }
    files.sort(null);
    return files;
  }

  /** SHA-256 over the files' contents (and names, for a folder), in the given order. */
  private static String sha256(List<Path> files, boolean withNames) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : files) {
        if (withNames) {
          digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        }
        digest.update(Files.readAllBytes(file));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Blocking<T> {
    T run() throws IOException;
  }

  private <T> Future<T> blocking(Blocking<T> work) {
    return vertx.executeBlocking(() -> {
      try {
        return work.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, false);
  }
}

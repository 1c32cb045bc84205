package fr.pacte.testkit;

import fr.pacte.server.identity.keycloak.RealmProvisioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real Keycloak server for tests, started from its distribution zip ({@code org.keycloak:keycloak-quarkus-dist},
 * unpacked by Maven) once per JVM and stopped by a shutdown hook.
 *
 * <pre>
 * &#64;ExtendWith(KeycloakServer.Extension.class)
 * class MyTest {
 *   &#64;Test void t(KeycloakServer keycloak) { try (RealmProvisioner p = keycloak.provisioner()) { ... } }
 * }
 * // or anywhere: KeycloakServer.shared()
 * </pre>
 *
 * <p>Where Keycloak lives: system property {@value #HOME_PROPERTY} (set by {@code platform/tests/pom.xml} to
 * {@code target/keycloak/keycloak-<version>}), else environment variable {@code PACTE_KEYCLOAK_HOME}. The first start
 * runs {@code kc.sh build --db=dev-mem --health-enabled=true} once (a marker file in the home remembers it, ~20 s);
 * each JVM then runs {@code kc.sh start --optimized} bound to 127.0.0.1 on two free ports (HTTP and management), with
 * an in-memory database, a local cache and a random bootstrap administrator passed through the environment, and waits
 * for {@code /health/ready} (~15 s). Realms created by tests vanish with the process. It runs on the test's own JDK
 * ({@code java.home}); Keycloak 26.7 supports 17, 21 and 25. The server's output goes to
 * {@code <home>/../keycloak-<port>.log}.
 *
 * <p>Stopping kills only what this class started: the process tree of its own {@code kc.sh} (descendants first, then
 * the script), gracefully, then forcibly after 20 s.
 */
public final class KeycloakServer {

  public static final String HOME_PROPERTY = "pacte.keycloak.home";
  private static final List<String> BUILD_OPTIONS = List.of("--db=dev-mem", "--health-enabled=true");
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);

  private static KeycloakServer shared;

  private final Path home;
  private final Process process;
  private final int httpPort;
  private final int managementPort;
  private final String adminUsername;
  private final String adminPassword;
  private final Path log;
  private final Duration buildTime;
  private final Duration startTime;

  private KeycloakServer(Path home, Process process, int httpPort, int managementPort, String adminUsername,
                         String adminPassword, Path log, Duration buildTime, Duration startTime) {
    this.home = home;
    this.process = process;
    this.httpPort = httpPort;
    this.managementPort = managementPort;
    this.adminUsername = adminUsername;
    this.adminPassword = adminPassword;
    this.log = log;
    this.buildTime = buildTime;
    this.startTime = startTime;
  }

  /** The server of this JVM, started on first use. */
  public static synchronized KeycloakServer shared() {
    if (shared == null || !shared.process.isAlive()) {
      shared = start(configuredHome());
      KeycloakServer started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "keycloak-stop"));
    }
    return shared;
  }

  /** JUnit 5 extension: starts the shared server before the class and injects it into {@code KeycloakServer} parameters. */
  public static final class Extension implements BeforeAllCallback, ParameterResolver {
    @Override
    public void beforeAll(ExtensionContext context) {
      shared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == KeycloakServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return shared();
    }
  }

  /** Base URL, e.g. {@code http://127.0.0.1:34567}: also the base of every issuer, as tokens carry it. */
  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** The issuer of a realm's tokens. */
  public String issuer(String realm) {
    return RealmProvisioner.issuer(url(), realm);
  }

  public String managementUrl() {
    return "http://127.0.0.1:" + managementPort;
  }

  public String adminUsername() {
    return adminUsername;
  }

  public String adminPassword() {
    return adminPassword;
  }

  /** A provisioner logged in as the bootstrap administrator; close it after use. */
  public RealmProvisioner provisioner() {
    return new RealmProvisioner(url(), adminUsername, adminPassword);
  }

  public Path home() {
    return home;
  }

  public Path log() {
    return log;
  }

  /** Time spent in {@code kc.sh build} by this JVM (zero when the marker said it was done). */
  public Duration buildTime() {
    return buildTime;
  }

  /** Time from {@code kc.sh start} to ready. */
  public Duration startTime() {
    return startTime;
  }

  /** Stops the server (the shared one is stopped by the shutdown hook). */
  public void stop() {
    ProcessHandle root = process.toHandle();
    List<ProcessHandle> descendants = root.descendants().toList();
    descendants.forEach(ProcessHandle::destroy);
    root.destroy();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (ProcessHandle handle : concat(descendants, root)) {
      try {
        long left = Math.max(1, deadline - System.nanoTime());
        handle.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        handle.destroyForcibly();
      }
    }
  }

  private static List<ProcessHandle> concat(List<ProcessHandle> list, ProcessHandle last) {
    List<ProcessHandle> all = new ArrayList<>(list);
    all.add(last);
    return all;
  }

  // ------------------------------------------------------------------------------------------------------ start

  private static Path configuredHome() {
    String configured = System.getProperty(HOME_PROPERTY, System.getenv("PACTE_KEYCLOAK_HOME"));
    if (configured == null || configured.isBlank()) {
      throw new IllegalStateException("No Keycloak: set the system property " + HOME_PROPERTY
          + " to an unpacked keycloak-quarkus-dist (platform/tests/pom.xml does it for Maven runs)");
    }
    Path home = Path.of(configured).toAbsolutePath().normalize();
    if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
      throw new IllegalStateException("No Keycloak at " + home + " (bin/kc.sh missing): run the Maven build of "
          + "platform/tests, which unpacks it in generate-test-resources");
    }
    return home;
  }

  private static KeycloakServer start(Path home) {
    try {
      makeScriptsExecutable(home);
      long buildStarted = System.nanoTime();
      boolean built = buildOnce(home);
      Duration buildTime = built ? Duration.ofNanos(System.nanoTime() - buildStarted) : Duration.ZERO;

      int httpPort = freePort();
      int managementPort = freePort();
      while (managementPort == httpPort) {
        managementPort = freePort();
      }
      String adminUsername = "pacte-test-admin";
      byte[] secret = new byte[18];
      new SecureRandom().nextBytes(secret);
      String adminPassword = HexFormat.of().formatHex(secret);
      Path log = home.getParent().resolve("keycloak-" + httpPort + ".log");
      removeOldLogs(home.getParent());

      List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
          "--http-enabled=true", "--hostname-strict=false", "--http-host=127.0.0.1", "--http-port=" + httpPort,
          "--http-management-host=127.0.0.1", "--http-management-port=" + managementPort, "--cache=local"));
      ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      environment(builder.environment());
      builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUsername);
      builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
      long started = System.nanoTime();
      Process process = builder.start();
      KeycloakServer server = new KeycloakServer(home, process, httpPort, managementPort, adminUsername,
          adminPassword, log, buildTime, Duration.ZERO);
      try {
        awaitReady(server, process, log);
      } catch (RuntimeException e) {
        server.stop();
        throw e;
      }
      Duration startTime = Duration.ofNanos(System.nanoTime() - started);
      System.out.printf("%s ready at %s in %d ms (build %d ms), log %s%n", version(home), server.url(),
          startTime.toMillis(), buildTime.toMillis(), log);
      return new KeycloakServer(home, process, httpPort, managementPort, adminUsername, adminPassword, log,
          buildTime, startTime);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Keycloak from " + home, e);
    }
  }

  private static void environment(Map<String, String> environment) {
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    // kc.sh defaults to -Xms64m -Xmx512m outside containers; a little more head-room for many realms.
    environment.putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
    // Never inherit a configuration meant for another Keycloak.
    environment.keySet().removeIf(name -> name.startsWith("KC_") || name.equals("KEYCLOAK_ADMIN")
        || name.equals("KEYCLOAK_ADMIN_PASSWORD") || name.equals("JAVA_OPTS"));
  }

  private static void makeScriptsExecutable(Path home) throws IOException {
    try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
      for (Path script : scripts.filter(path -> path.toString().endsWith(".sh")).toList()) {
        Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(script));
        if (permissions.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_EXECUTE))) {
          Files.setPosixFilePermissions(script, permissions);
        }
      }
    }
  }

  /** Runs {@code kc.sh build} unless the marker says it ran with the same options; returns true if it ran. */
  private static boolean buildOnce(Path home) throws IOException {
    Path marker = home.resolve(".pacte-kc-build");
    String wanted = String.join(" ", BUILD_OPTIONS);
    try (FileChannel lockFile = FileChannel.open(home.resolve(".pacte-kc-build.lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
      if (Files.isRegularFile(marker) && Files.readString(marker).strip().equals(wanted)) {
        return false;
      }
      Files.deleteIfExists(marker);
      List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
      command.addAll(BUILD_OPTIONS);
      Path log = home.getParent().resolve("keycloak-build.log");
      ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      environment(builder.environment());
      Process build = builder.start();
      try {
        if (!build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          build.descendants().forEach(ProcessHandle::destroyForcibly);
          build.destroyForcibly();
          throw new IllegalStateException("kc.sh build did not finish in " + BUILD_TIMEOUT + ", see " + log);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        build.descendants().forEach(ProcessHandle::destroyForcibly);
        build.destroyForcibly();
        throw new IllegalStateException("Interrupted while building Keycloak", e);
      }
      if (build.exitValue() != 0) {
        throw new IllegalStateException("kc.sh build failed (exit " + build.exitValue() + "):\n" + tail(log));
      }
      Files.writeString(marker, wanted + "\n", StandardCharsets.UTF_8);
      return true;
    }
  }

  private static void awaitReady(KeycloakServer server, Process process, Path log) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI ready = URI.create(server.managementUrl() + "/health/ready");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak stopped during start-up (exit " + process.exitValue() + "):\n"
            + tail(log));
      }
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
      }
    }
    throw new IllegalStateException("Keycloak not ready after " + START_TIMEOUT + ":\n" + tail(log));
  }

  /** Keeps target/keycloak from filling up with the logs of earlier runs (older than a day). */
  private static void removeOldLogs(Path folder) {
    long dayAgo = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(1);
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.getFileName().toString().matches("keycloak-[0-9]+\\.log")).toList()) {
        if (Files.getLastModifiedTime(file).toMillis() < dayAgo) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException ignored) {
      // only housekeeping
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String version(Path home) {
    try {
      return Files.readString(home.resolve("version.txt")).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "(no log at " + log + ")";
    }
  }
}

package fr.pacte.server.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded PostgreSQL running: checks its postmaster every second and, when it has died (killed, out of
 * memory…), starts it again on the same port and data directory, with growing pauses between failed attempts.
 * PostgreSQL's crash recovery replays the write-ahead log, so every acknowledged commit is there afterwards.
 * The connection pool needs nothing: it opens new connections once the server accepts them again.
 */
final class PostmasterSupervisor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PostmasterSupervisor.class);
  static final Duration CHECK_EVERY = Duration.ofSeconds(1);
  static final Duration FIRST_PAUSE = Duration.ofMillis(500);
  static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

  private final Path dataDirectory;
  private final int port;
  private final Map<String, String> serverConfig;
  private final Path pgCtl;
  private final List<String> commandPrefix;
  private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
    Thread thread = new Thread(runnable, "pacte-postgres-supervisor");
    thread.setDaemon(true);
    return thread;
  });
  private volatile long pid;
  private volatile boolean closing;
  private volatile int restarts;
  private volatile ScheduledFuture<?> watch;

  PostmasterSupervisor(Path dataDirectory, int port, Map<String, String> serverConfig, Path pgCtl,
                       List<String> commandPrefix, long pid) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.serverConfig = serverConfig;
    this.pgCtl = pgCtl;
    this.commandPrefix = commandPrefix;
    this.pid = pid;
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  void start() {
    watch = executor.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The postmaster's process id now (it changes at each restart). */
  long pid() {
    return pid;
  }

  /** How many times the postmaster was started again since Pacte started. */
  int restarts() {
    return restarts;
  }

  boolean postmasterAlive() {
    return alive(pid);
  }

  private void check() {
    if (closing || alive(pid)) {
      return;
    }
    watch.cancel(false);
    LOG.warn("Embedded PostgreSQL stopped unexpectedly (postmaster process {} is gone): starting it again", pid);
    executor.schedule(() -> restart(1, FIRST_PAUSE), FIRST_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void restart(int attempt, Duration pause) {
    if (closing) {
      return;
    }
    Optional<String> failure = startPostmaster();
    if (failure.isEmpty()) {
      pid = readPid().orElse(-1L);
      restarts++;
      LOG.warn("Embedded PostgreSQL started again (postmaster process {}, attempt {}); crash recovery replayed its log",
          pid, attempt);
      watch = executor.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
          TimeUnit.MILLISECONDS);
      return;
    }
    Duration next = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
    LOG.warn("Embedded PostgreSQL did not start again (attempt {}): {}; next attempt in {} ms",
        attempt, failure.get(), next.toMillis());
    executor.schedule(() -> restart(attempt + 1, next), next.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** {@code pg_ctl start} with the same options as the first start; empty when it started, else why not. */
  private Optional<String> startPostmaster() {
    List<String> options = new ArrayList<>(List.of("-p", Integer.toString(port)));
    serverConfig.forEach((key, value) -> options.addAll(List.of("-c", key + "=" + value)));
    List<String> command = new ArrayList<>(commandPrefix);
    command.addAll(List.of(pgCtl.toString(), "-D", dataDirectory.toString(), "-o", String.join(" ", options),
        "-l", dataDirectory.resolveSibling("postgres.log").toString(), "-w", "-t", "60", "start"));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      int status = process.waitFor();
      return status == 0 ? Optional.empty()
          : Optional.of("pg_ctl exited with status " + status + ": " + output.replace('\n', ' ')
              + " (see " + dataDirectory.resolveSibling("postgres.log") + ")");
    } catch (IOException e) {
      return Optional.of(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  private Optional<Long> readPid() {
    try {
      List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Alive and not a zombie: a killed postmaster whose parent is gone may linger unreaped. */
  static boolean alive(long pid) {
    if (pid <= 0 || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    try {
      String line = Files.readString(stat);
      int end = line.lastIndexOf(')');
      return end < 0 || end + 2 >= line.length() || line.charAt(end + 2) != 'Z';
    } catch (IOException e) {
      return !Files.isDirectory(Path.of("/proc")) || Files.exists(stat);
    }
  }

  /** Stops watching; a restart under way finishes first, so that {@code pg_ctl stop} then finds the server. */
  @Override
  public void close() {
    closing = true;
    executor.shutdown();
    try {
      if (!executor.awaitTermination(70, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }
}

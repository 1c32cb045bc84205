package fr.pacte.server.plugins;

import java.time.Instant;

/**
 * How a plugin is doing on this node.
 *
 * @param state  started, failed at start-up, or failing in a handler
 * @param error  the last error, or null
 * @param tenant the tenant whose request failed, for handler failures
 * @param at     when the error happened
 */
public record PluginHealth(State state, String error, String tenant, Instant at) {

  public enum State {
    STARTED("Démarré"),
    FAILED_AT_START("En échec au démarrage"),
    FAILING("En échec");

    private final String label;

    State(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  static PluginHealth started() {
    return new PluginHealth(State.STARTED, null, null, null);
  }

  static PluginHealth failedAtStart(Throwable error) {
    return new PluginHealth(State.FAILED_AT_START, describe(error), null, Instant.now());
  }

  static PluginHealth failing(String tenant, Throwable error) {
    return new PluginHealth(State.FAILING, describe(error), tenant, Instant.now());
  }

  public boolean failed() {
    return state != State.STARTED;
  }

  /** The error as one line: type and message of the root cause. */
  static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : " : " + root.getMessage();
    String outer = root == error ? "" : error.getMessage() == null ? "" : " (" + error.getMessage() + ")";
    return root.getClass().getSimpleName() + message + outer;
  }
}

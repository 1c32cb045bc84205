package fr.pacte.server.plugins;

import java.time.Instant;

/**
 * How a plugin is doing on this node.
 *
 * @param state  started, failed at start-up, or failing in a handler
 * @param error  the last error, technical (type and message), for the log and the platform operator's view; or null
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

  /**
   * The error for a département's administrator, in French and without the technical detail (which goes to the log
   * and the platform operator's view); null when the plugin is started.
   */
  public String reason() {
    if (state == State.STARTED) {
      return null;
    }
    if (state == State.FAILING) {
      return "Le module a rencontré une erreur en traitant une demande. L'opérateur de la plateforme en a le détail "
          + "technique ; réactivez le module une fois le problème corrigé.";
    }
    if (error != null && error.contains(fr.pacte.server.database.Migrations.ISOLATION_VIOLATION)) {
      return "Le module est refusé : ses tables ne sont pas isolées par département (sécurité au niveau des lignes), "
          + "si bien qu'un département pourrait y lire les données d'un autre. L'opérateur de la plateforme en a le "
          + "détail technique ; le module doit être corrigé par son éditeur.";
    }
    return "Le module n'a pas pu démarrer. L'opérateur de la plateforme en a le détail technique ; le module doit être "
        + "corrigé par son éditeur.";
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

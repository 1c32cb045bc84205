package fr.pacte.api;

import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * A panel a module adds to one of the platform's pages (a convention, a participation) while it is enabled for the
 * tenant. The host renders it, escaped, in its own layout: a title, lines of label and value, each with an optional
 * link to one of the module's pages. The module answers with no line when it has nothing to say on that record,
 * and the panel is then left out.
 *
 * @param place   the page it goes on
 * @param title   the panel's heading
 * @param content the lines for the record shown (its id), read in the tenant's scope narrowed to the people and
 *                participations the viewing user may see; a failure leaves the panel out
 * @since 1.4.0
 */
public record PagePanel(Place place, LocalizedText title, BiFunction<UUID, TenantScope, Future<List<Line>>> content) {

  /**
   * Where a panel goes.
   *
   * @since 1.4.0
   */
  public enum Place {
    /** A convention's page; the id is the convention's. */
    CONVENTION,
    /** A participation's (orientation's) page; the id is the participation's. */
    PARTICIPATION
  }

  /**
   * One line of a panel.
   *
   * @param label the label, in French
   * @param value the value, in French
   * @param link  a path relative to the module's page root ({@code /t/{tenant}/modules/{plugin-id}/}), or null
   * @since 1.4.0
   */
  public record Line(String label, String value, String link) {
  }
}

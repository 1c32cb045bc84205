package fr.pacte.server.identity;

import io.vertx.ext.web.RoutingContext;

/**
 * Who acts, as recorded in the audit trail.
 *
 * @param id    stable identifier (account, or {@code system})
 * @param label how people read it
 */
public record Actor(String id, String label) {

  public static final String CONTEXT_KEY = "pacte.actor";

  public static Actor system(String reason) {
    return new Actor("system", "Pacte (" + reason + ")");
  }

  /** The actor attached to the request by the access layer, or an anonymous local caller. */
  public static Actor of(RoutingContext request) {
    Actor actor = request.get(CONTEXT_KEY);
    if (actor != null) {
      return actor;
    }
    String address = request.request().remoteAddress() == null ? "?" : request.request().remoteAddress().hostAddress();
    return new Actor("anonymous@" + address, "Anonyme (" + address + ")");
  }

  /** How the audit trail stores it. */
  public String audited() {
    return id.equals(label) ? id : id + " — " + label;
  }

  /**
   * Who did something, as people read it, from what the audit trail stored ({@link #audited()}): "par" and the
   * person's name, or the département's configuration file for what start-up applied; never the codes
   * ("system — Pacte (tenants/…/tenant.yaml)", "somme:admin"). Empty when nothing is known.
   */
  public static String readable(String audited) {
    return fr.pacte.server.web.PeopleText.readable(audited);
  }

}

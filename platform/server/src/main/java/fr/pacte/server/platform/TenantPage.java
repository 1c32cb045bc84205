package fr.pacte.server.platform;

import io.vertx.ext.web.RoutingContext;

/**
 * A host page of every tenant in the navigation bar.
 *
 * @param position where it sits in the bar (smaller first), so that the bar reads along the chain whatever the
 *                 order features are wired in
 * @param path     under {@code /t/<slug>/}
 * @param shownTo  whether the bar shows it to the caller of a request, for a tenant
 * @param group    the heading it is listed under in the bar ({@link #POLICY}, {@link #OFFER}, {@link #ADMINISTRATION}),
 *                 or null for an entry of its own
 */
public record TenantPage(int position, String label, String path, Visibility shownTo, String group) {

  /** The policy: programmes, needs, référentiels. */
  public static final String POLICY = "Politique";
  /** The offer: catalogue, calls for projects, organisations, the modules' action types. */
  public static final String OFFER = "Offre";
  /** The tenant's administration: modules, users. */
  public static final String ADMINISTRATION = "Administration";

  /** An entry of its own, under no heading. */
  public TenantPage(int position, String label, String path, Visibility shownTo) {
    this(position, label, path, shownTo, null);
  }

  /** Decides from the request (its principal) and the tenant of the page. */
  @FunctionalInterface
  public interface Visibility {
    boolean test(RoutingContext request, String tenant);
  }
}

package fr.pacte.server.platform;

import io.vertx.ext.web.RoutingContext;

/**
 * A host page of every tenant in the navigation bar.
 *
 * @param position where it sits in the bar (smaller first), so that the bar reads along the chain whatever the
 *                 order features are wired in
 * @param path     under {@code /t/<slug>/}
 * @param shownTo  whether the bar shows it to the caller of a request, for a tenant
 */
public record TenantPage(int position, String label, String path, Visibility shownTo) {

  /** Decides from the request (its principal) and the tenant of the page. */
  @FunctionalInterface
  public interface Visibility {
    boolean test(RoutingContext request, String tenant);
  }
}

package fr.pacte.server.requests;

import fr.pacte.server.platform.Feature;
import fr.pacte.server.tenancy.TenantClock;
import fr.pacte.server.tenancy.TenantService;
import io.vertx.ext.web.Router;

/** The request context of every request, built once after authentication and before the features' routes. */
public final class RequestsFeature implements Feature {

  private final RequestContexts contexts;

  public RequestsFeature(TenantService tenants) {
    this.contexts = new RequestContexts(TenantClock.system(tenants));
  }

  @Override
  public void mount(Router router) {
    router.route().handler(contexts);
  }
}

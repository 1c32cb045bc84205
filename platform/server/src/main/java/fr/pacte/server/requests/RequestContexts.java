package fr.pacte.server.requests;

import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.identity.Principal;
import fr.pacte.server.observability.RequestLog;
import fr.pacte.server.observability.TenantOfRequest;
import fr.pacte.server.tenancy.TenantClock;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Builds the {@link RequestContext} of every request, once, right after authentication. */
public final class RequestContexts implements Handler<RoutingContext> {

  private final TenantClock clock;

  public RequestContexts(TenantClock clock) {
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext request) {
    String tenant = TenantOfRequest.of(request.normalizedPath());
    tenant = TenantOfRequest.NONE.equals(tenant) ? null : tenant;
    Principal principal = Access.principal(request).orElse(null);
    request.put(RequestContext.KEY, new RequestContext(tenant, principal, principal == null ? null : principal.scope(),
        Actor.of(request), request.get(RequestLog.REQUEST_ID_KEY), clock.clock(), clock.zone(tenant)));
    request.next();
  }
}

package fr.pacte.server.requests;

import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.identity.Principal;
import fr.pacte.server.identity.Scope;
import fr.pacte.server.tenancy.TenantClock;
import fr.pacte.server.web.Problem;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What a service knows of the request it serves, built once per request after authentication: the tenant of the
 * URL, who calls (with the scope that narrows their roles), the request id the audit trail records, and the clock
 * read in the tenant's time zone. Services check scope here, so the API and the pages, which call the same
 * services, cannot disagree.
 *
 * @param tenant    the tenant of the URL, or null for platform routes
 * @param principal who is signed in, or null (anonymous caller, or the platform itself)
 * @param scope     what narrows the caller's roles: the principal's, the whole tenant for the platform's own work,
 *                  null for an anonymous caller (every scope check refuses)
 * @param actor     who acts, as the audit trail records it
 * @param requestId the request's id (null for work outside a request)
 * @param clock     the clock (fixed in tests)
 * @param zone      the tenant's time zone
 */
public record RequestContext(String tenant, Principal principal, Scope scope, Actor actor, String requestId, Clock clock,
                             ZoneId zone) {

  public static final String KEY = "pacte.requestContext";

  /** The context of a request that went through {@link RequestContexts}. */
  public static RequestContext of(RoutingContext request) {
    RequestContext context = request.get(KEY);
    if (context == null) {
      throw new IllegalStateException("no request context: the route is mounted before RequestContexts");
    }
    return context;
  }

  /** Work a signed-in person does in a tenant outside HTTP (tests, tools). */
  public static RequestContext of(String tenant, Principal principal, TenantClock clock) {
    return new RequestContext(tenant, principal, principal.scope(), principal.actor(), null, clock.clock(), clock.zone(tenant));
  }

  /** Work the platform does for a tenant by itself (files loaded at start-up, tests): the whole tenant in scope. */
  public static RequestContext system(String tenant, String reason, TenantClock clock) {
    return new RequestContext(tenant, null, Scope.wholeTenant(), Actor.system(reason), null, clock.clock(),
        clock.zone(tenant));
  }

  /** The same context with another actor (e.g. a system task acting for someone). */
  public RequestContext withActor(Actor other) {
    return new RequestContext(tenant, principal, scope, other, requestId, clock, zone);
  }

  public Optional<Principal> caller() {
    return Optional.ofNullable(principal);
  }

  /** The tenant's date now: deadlines fall at midnight where the tenant is. */
  public LocalDate today() {
    return LocalDate.now(clock.withZone(zone));
  }

  /** Whether the caller holds a permission in this tenant (to show or hide what pages offer). */
  public boolean holds(Permission permission) {
    return principal != null && Access.allows(principal, permission.roles(), false, tenant);
  }

  /** The organisation the caller is limited to, or null for the département's staff. */
  public String organisationScope() {
    return scope == null ? null : scope.organisation();
  }

  /** Refuses (403) data of a territory outside the caller's scope. */
  public void requireTerritory(String territory) {
    if (scope == null || !scope.coversTerritory(territory)) {
      throw Problem.forbidden("Ces données concernent un territoire en dehors de votre périmètre : vous agissez sur"
          + " les données de votre territoire seulement.");
    }
  }

  /** Refuses (403) data of an organisation outside the caller's scope. */
  public void requireOrganisation(String organisation) {
    if (scope == null || !scope.coversOrganisation(organisation)) {
      throw Problem.forbidden("Ces données concernent une autre organisation que la vôtre.");
    }
  }

  /** Refuses (403) a caller limited to one organisation: the département's staff only. */
  public void requireStaff(String refusal) {
    if (scope == null || scope.organisation() != null) {
      throw Problem.forbidden(refusal);
    }
  }
}

package fr.pacte.server.identity;

import fr.pacte.api.Role;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Redirect;
import fr.pacte.server.platform.TenantPage;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place that decides access. Every protected route, the host's and the plugins', goes through
 * {@link #to(Permission)} or {@link #toRoles(Set)}: a request without a principal gets 401 (a browser asking for a
 * page gets the login page instead); a principal of another tenant, or without one of the roles, gets 403. Never
 * data. {@link #requireTerritory} and {@link #requireOrganisation} then narrow the data to the principal's scope.
 *
 * <p>The principal is attached beforehand by {@link Authentication}, from a session cookie or a bearer token.
 */
public final class Access {

  public static final String PRINCIPAL_KEY = PageLayout.Viewer.CONTEXT_KEY;

  /** Lets the request through if its principal holds {@code permission} for the tenant of the URL. */
  public Handler<RoutingContext> to(Permission permission) {
    return request -> decide(request, permission.roles(), permission.isPlatform());
  }

  /** Same for a set of tenant roles, such as a plugin's {@link fr.pacte.api.ModuleAccess}. */
  public Handler<RoutingContext> toRoles(Set<Role> roles) {
    return request -> decide(request, roles, false);
  }

  /** The decision itself, also used by handlers that pick the roles per request (plugins: per HTTP method). */
  public void decide(RoutingContext request, Set<Role> roles, boolean platform) {
    Principal principal = request.get(PRINCIPAL_KEY);
    String tenant = request.pathParam("tenant");
    if (principal == null) {
      unauthenticated(request, platform ? null : tenant);
    } else if (allows(principal, roles, platform, tenant)) {
      request.next();
    } else {
      request.fail(403, Problem.forbidden(refusal(principal, roles, platform, tenant)));
    }
  }

  /** Whether {@code principal} holds one of {@code roles} in {@code tenant} (or on the platform). */
  public static boolean allows(Principal principal, Set<Role> roles, boolean platform, String tenant) {
    if (platform) {
      return principal.isPlatformOperator() && roles.contains(Role.PLATFORM_OPERATOR);
    }
    return tenant != null && tenant.equals(principal.tenant())
        && principal.roles().stream().anyMatch(roles::contains);
  }

  /**
   * What the request's principal may do in {@code tenant} (or on the platform), by permission name: the {@code can}
   * of every page, so that pages offer only what the routes would allow.
   */
  public static java.util.Map<String, Boolean> rights(RoutingContext request, String tenant) {
    Principal principal = request.get(PRINCIPAL_KEY);
    java.util.Map<String, Boolean> rights = new java.util.HashMap<>();
    for (Permission permission : Permission.values()) {
      rights.put(permission.name(), principal != null
          && allows(principal, permission.roles(), permission.isPlatform(), tenant));
    }
    return java.util.Map.copyOf(rights);
  }

  /** The principal attached to the request, if any. */
  public static Optional<Principal> principal(RoutingContext request) {
    return Optional.ofNullable(request.get(PRINCIPAL_KEY));
  }

  /** The principal of a request that went through {@link #to}: never null there. */
  public static Principal required(RoutingContext request) {
    return principal(request).orElseThrow(() -> new IllegalStateException("route is not behind Access.to"));
  }

  /** Refuses (403) data of a territory outside the principal's scope. */
  public static void requireTerritory(RoutingContext request, String territory) {
    Principal principal = required(request);
    if (!principal.scope().coversTerritory(territory)) {
      throw Problem.forbidden("Ces données concernent un territoire en dehors de votre périmètre : vous agissez sur"
          + " les données de votre territoire seulement.");
    }
  }

  /** Refuses (403) data of an organisation outside the principal's scope. */
  public static void requireOrganisation(RoutingContext request, String organisation) {
    Principal principal = required(request);
    if (!principal.scope().coversOrganisation(organisation)) {
      throw Problem.forbidden("Ces données concernent une autre organisation que la vôtre.");
    }
  }

  /** Where a browser logs in for a tenant, or for the platform when {@code tenant} is null. */
  public static String loginPage(String tenant) {
    return PageLayout.loginPage(tenant);
  }

  /** A navigation entry's visibility: shown to those who hold {@code permission} in the page's tenant. */
  public static TenantPage.Visibility shownTo(Permission permission) {
    return (request, tenant) -> principal(request)
        .map(principal -> allows(principal, permission.roles(), false, tenant)).orElse(false);
  }

  private static void unauthenticated(RoutingContext request, String tenant) {
    if (wantsPage(request)) {
      String back = request.request().uri();
      Redirect.seeOther(request, loginPage(tenant) + "?retour=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
      return;
    }
    request.response().putHeader("WWW-Authenticate", "Bearer realm=\"" + (tenant == null ? "pacte" : "pacte-" + tenant) + "\"");
    request.fail(401);
  }

  private static boolean wantsPage(RoutingContext request) {
    String accept = request.request().getHeader("Accept");
    return request.request().method() == HttpMethod.GET && !request.request().path().startsWith("/api/")
        && accept != null && accept.contains("text/html");
  }

  private static String refusal(Principal principal, Set<Role> roles, boolean platform, String tenant) {
    if (platform) {
      return "Cette action est réservée aux opérateurs de la plateforme.";
    }
    if (tenant == null || !tenant.equals(principal.tenant())) {
      return "Votre compte ne donne pas accès à ce département.";
    }
    List<String> labels = roles.stream().sorted().map(Role::label).toList();
    return "Votre rôle (" + principal.roles().stream().sorted().map(Role::label).collect(Collectors.joining(", "))
        + ") ne permet pas cette action ; rôles autorisés : " + String.join(", ", labels) + ".";
  }
}

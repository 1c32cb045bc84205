package fr.pacte.server.identity;

import fr.pacte.api.Caller;
import fr.pacte.api.Role;
import fr.pacte.server.web.PageLayout;
import java.util.Set;

/**
 * Someone authenticated: a person through a browser session, or a client through a bearer token.
 *
 * @param subject     stable identifier in its identity provider
 * @param username    login name
 * @param displayName how pages greet them
 * @param tenant      the tenant the account belongs to, or null for a platform operator
 * @param roles       granted roles
 * @param scope       what narrows the tenant roles
 */
public record Principal(String subject, String username, String displayName, String tenant, Set<Role> roles, Scope scope)
    implements PageLayout.Viewer {

  public Principal {
    roles = Set.copyOf(roles);
    scope = scope == null ? Scope.wholeTenant() : scope;
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public boolean isPlatformOperator() {
    return tenant == null && roles.contains(Role.PLATFORM_OPERATOR);
  }

  /** What a plugin sees of this person. */
  public Caller caller() {
    return new Caller(username, displayName, roles, scope.territories(), scope.organisation());
  }

  /** The audit trail's form of this person. */
  public Actor actor() {
    return new Actor((tenant == null ? "platform" : tenant) + ":" + username, displayName);
  }
}

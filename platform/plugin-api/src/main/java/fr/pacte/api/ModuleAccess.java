package fr.pacte.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which roles may use a module's routes: {@code read} for GET and HEAD, {@code change} for every other method.
 * The host enforces it on the module's API and page routes before they run; an anonymous caller gets 401 (or
 * the login page), a caller of another tenant or without one of these roles gets 403.
 *
 * @param read   roles allowed to read
 * @param change roles allowed to change
 * @since 1.2.0
 */
public record ModuleAccess(Set<Role> read, Set<Role> change) {

  public ModuleAccess {
    read = Set.copyOf(read);
    change = Set.copyOf(change);
    if (read.stream().anyMatch(Role::isPlatformRole) || change.stream().anyMatch(Role::isPlatformRole)) {
      throw new IllegalArgumentException("a module's routes serve tenant roles only");
    }
  }

  /** The default: every tenant role reads; the tenant administrator and the programme manager change. */
  public static ModuleAccess staffDefault() {
    return new ModuleAccess(Set.copyOf(Role.tenantRoles()),
        EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER));
  }

  /** The roles a request with this HTTP method needs. */
  public Set<Role> rolesFor(String httpMethod) {
    return "GET".equalsIgnoreCase(httpMethod) || "HEAD".equalsIgnoreCase(httpMethod) ? read : change;
  }
}

package fr.pacte.server.identity;

import fr.pacte.api.Role;
import java.util.Set;
import java.util.UUID;

/**
 * An account of the built-in identity provider, in one tenant.
 *
 * @param demo true for the demonstration accounts of the embedded default; Pacte refuses to start with them
 *             on a real database
 */
public record Account(UUID id, String tenant, String username, String displayName, String email, String passwordHash,
                      Set<Role> roles, Scope scope, boolean active, boolean mustChangePassword, boolean demo, int version) {

  public Account {
    roles = Set.copyOf(roles);
  }

  public Principal principal() {
    return new Principal("builtin:" + id, username, displayName, tenant, roles, scope);
  }
}

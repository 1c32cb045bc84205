package fr.pacte.api;

import java.util.Set;

/**
 * Who is calling a module's route, as the host authenticated them. A module narrows what it shows with the scope:
 * a territory agent sees their territories only, an operator their organisation only.
 *
 * @param username     login name
 * @param displayName  how pages greet them
 * @param roles        roles held in this tenant
 * @param territories  territory codes the roles are narrowed to; empty means the whole tenant
 * @param organisation the organisation the roles are narrowed to, or null
 * @since 1.2.0
 */
public record Caller(String username, String displayName, Set<Role> roles, Set<String> territories,
                     String organisation) {

  public Caller {
    roles = Set.copyOf(roles);
    territories = Set.copyOf(territories);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** Whether data of this territory is within the caller's scope. */
  public boolean coversTerritory(String territory) {
    return organisation == null && (territories.isEmpty() || territories.contains(territory));
  }
}

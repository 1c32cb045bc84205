package fr.pacte.server.pathways;

import fr.pacte.api.Role;
import fr.pacte.server.identity.Principal;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.Problem;
import java.util.Set;

/**
 * Whose personal data a caller may see: the département's staff the whole tenant (or their territories), a
 * territory agent the people of their territories, an operator the people positioned on its own items, a référent
 * the people they follow. The broadest of the caller's roles decides.
 *
 * @param territories territory codes, or null for any
 * @param organisation the operator's organisation, or null
 * @param referent     the référent's username, or null
 */
public record Reach(Set<String> territories, String organisation, String referent) {

  public static Reach wholeTenant() {
    return new Reach(null, null, null);
  }

  public static Reach of(RequestContext context) {
    Principal principal = context.principal();
    if (principal == null) {
      return context.scope() != null && context.scope().isWholeTenant() ? wholeTenant() : nobody();
    }
    if (principal.has(Role.TENANT_ADMINISTRATOR) || principal.has(Role.PROGRAMME_MANAGER) || principal.has(Role.AUDITOR)
        || principal.has(Role.TERRITORY_AGENT)) {
      if (principal.scope().organisation() != null) {
        return new Reach(null, principal.scope().organisation(), null);
      }
      return new Reach(principal.scope().territories().isEmpty() ? null : principal.scope().territories(), null, null);
    }
    if (principal.has(Role.OPERATOR)) {
      if (principal.scope().organisation() == null) {
        throw Problem.forbidden("Votre compte d'opérateur n'est rattaché à aucune organisation : il ne voit aucune personne.");
      }
      return new Reach(null, principal.scope().organisation(), null);
    }
    if (principal.has(Role.REFERENT)) {
      return new Reach(null, null, principal.username());
    }
    return nobody();
  }

  private static Reach nobody() {
    return new Reach(Set.of(), null, null);
  }

  public String[] territoryArray() {
    return territories == null ? null : territories.toArray(String[]::new);
  }

  public boolean isWholeTenant() {
    return territories == null && organisation == null && referent == null;
  }

  public boolean coversTerritory(String territory) {
    return organisation == null && referent == null && (territories == null || territories.contains(territory));
  }

  /** Whether the caller may decide on an orientation of {@code organisationId}'s items (accept, refuse, exit…). */
  public boolean decidesFor(String organisationId) {
    return referent == null && (organisation == null ? territories == null : organisation.equals(organisationId));
  }
}

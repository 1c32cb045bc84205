package fr.pacte.server.identity.keycloak;

import fr.pacte.api.Role;
import fr.pacte.server.identity.Principal;
import fr.pacte.server.identity.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An access token that {@link TokenVerifier} accepted: signed by a trusted realm, not expired, meant for Pacte's API.
 *
 * @param tenantSlug   the tenant whose realm issued it, or null for the platform realm
 * @param issuer       the {@code iss} claim
 * @param subject      the {@code sub} claim (Keycloak user id, stable)
 * @param username     {@code preferred_username} (for a service account: {@code service-account-<client>})
 * @param clientId     {@code azp}: the client the token was issued to
 * @param roles        the Pacte roles among the token's realm roles: tenant roles only for a tenant realm,
 *                     {@link Role#PLATFORM_OPERATOR} only for the platform realm; other role names are ignored
 * @param territories  {@code pacte_territories}: the territories the roles are narrowed to (empty: not narrowed)
 * @param organisation {@code pacte_organisation}: the organisation the roles are narrowed to, or null
 * @param expiresAt    {@code exp}
 */
public record VerifiedToken(String tenantSlug, String issuer, String subject, String username, String clientId,
                            Set<Role> roles, List<String> territories, String organisation, Instant expiresAt) {

  public VerifiedToken {
    roles = Set.copyOf(roles);
    territories = List.copyOf(territories);
  }

  public boolean isPlatform() {
    return tenantSlug == null;
  }

  /** The person (or integration) behind the token, as Pacte's access decisions see them. */
  public Principal principal(String displayName) {
    return new Principal("keycloak:" + subject, username, displayName == null || displayName.isBlank() ? username
        : displayName, tenantSlug, roles, new Scope(Set.copyOf(territories), organisation));
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }
}

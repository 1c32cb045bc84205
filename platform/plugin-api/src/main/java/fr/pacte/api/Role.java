package fr.pacte.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a person may do in Pacte. A role is granted either on the platform (platform operator, held in the platform
 * realm) or inside one tenant (every other role, held in that tenant's realm); a scope (territories, organisation)
 * then narrows a tenant role.
 *
 * <p>{@link #code()} is the stable identifier stored in Keycloak as a realm role and carried in tokens; never rename
 * one. {@link #label()} is what people read.
 *
 * @since 1.2.0
 */
public enum Role {

  PLATFORM_OPERATOR("platform-operator", "Opérateur de la plateforme", true),
  TENANT_ADMINISTRATOR("tenant-administrator", "Administrateur du département", false),
  PROGRAMME_MANAGER("programme-manager", "Chargé(e) du pilotage de l'offre", false),
  TERRITORY_AGENT("territory-agent", "Agent de territoire", false),
  REFERENT("referent", "Référent de parcours", false),
  OPERATOR("operator", "Opérateur (association, SIAE)", false),
  REVIEWER("reviewer", "Instructeur", false),
  AUDITOR("auditor", "Auditeur (lecture seule)", false);

  private final String code;
  private final String label;
  private final boolean platform;

  Role(String code, String label, boolean platform) {
    this.code = code;
    this.label = label;
    this.platform = platform;
  }

  /** Stable identifier, e.g. {@code tenant-administrator}: the Keycloak realm role name and the token value. */
  public String code() {
    return code;
  }

  /** French label, e.g. "Administrateur du département". */
  public String label() {
    return label;
  }

  /** True for a role held on the platform (platform realm), false for a role held inside one tenant. */
  public boolean isPlatformRole() {
    return platform;
  }

  /** The roles a tenant's realm defines. */
  public static List<Role> tenantRoles() {
    return Arrays.stream(values()).filter(role -> !role.platform).toList();
  }

  /** The roles the platform realm defines. */
  public static List<Role> platformRoles() {
    return Arrays.stream(values()).filter(role -> role.platform).toList();
  }

  /** The role with this code, if any (codes are compared exactly). */
  public static Optional<Role> fromCode(String code) {
    return Arrays.stream(values()).filter(role -> role.code.equals(code)).findFirst();
  }
}

package fr.pacte.tests.identity;

import static fr.pacte.tests.identity.KeycloakFixtures.DIRECT_CLIENT;
import static fr.pacte.tests.identity.KeycloakFixtures.WEB_BASE;
import static fr.pacte.tests.identity.KeycloakFixtures.createDirectGrantClient;
import static fr.pacte.tests.identity.KeycloakFixtures.createUser;
import static fr.pacte.tests.identity.KeycloakFixtures.passwordGrant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.api.Role;
import fr.pacte.server.identity.keycloak.RealmProvisioner;
import fr.pacte.server.identity.keycloak.RealmProvisioner.FirstUser;
import fr.pacte.server.identity.keycloak.RealmProvisioner.InitialCredentials;
import fr.pacte.server.identity.keycloak.RealmProvisioner.Provisioned;
import fr.pacte.server.identity.keycloak.RealmProvisioner.TenantRealm;
import fr.pacte.testkit.KeycloakServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;

/** Provisioning a tenant's realm against a real Keycloak: what it creates, that it converges, deactivation. */
@ExtendWith(KeycloakServer.Extension.class)
class RealmProvisioningTest {

  private static KeycloakServer keycloak;
  private static RealmProvisioner provisioner;

  @BeforeAll
  static void connect(KeycloakServer server) {
    keycloak = server;
    provisioner = server.provisioner();
  }

  @AfterAll
  static void close() {
    provisioner.close();
  }

  private static TenantRealm aisne() {
    return new TenantRealm("aisne", "Département de l'Aisne", WEB_BASE,
        new FirstUser("admin.aisne", "dile@aisne.example.org", "Camille", "Durand"));
  }

  @Test
  void aTenantRealmHasItsSettingsClientsRolesMappersAndAFirstAdministrator() {
    Provisioned provisioned = provisioner.provisionTenant(aisne());
    assertEquals("pacte-aisne", provisioned.realm());
    assertEquals("aisne", provisioned.tenantSlug());
    RealmResource realm = provisioner.tenantRealm("aisne");

    RealmRepresentation settings = realm.toRepresentation();
    assertTrue(settings.isEnabled());
    assertEquals("Département de l'Aisne", settings.getDisplayName());
    assertEquals("fr", settings.getDefaultLocale());
    assertTrue(settings.isInternationalizationEnabled());
    assertTrue(settings.isBruteForceProtected());

    Map<String, String> roles = realm.roles().list().stream()
        .collect(Collectors.toMap(RoleRepresentation::getName, r -> String.valueOf(r.getDescription())));
    for (Role role : Role.tenantRoles()) {
      assertEquals(role.label(), roles.get(role.code()), role.code());
    }
    assertFalse(roles.containsKey(Role.PLATFORM_OPERATOR.code()), "no platform role in a tenant realm");

    ClientRepresentation web = client(realm, RealmProvisioner.WEB_CLIENT);
    assertFalse(web.isPublicClient());
    assertTrue(web.isStandardFlowEnabled());
    assertFalse(web.isImplicitFlowEnabled());
    assertFalse(web.isDirectAccessGrantsEnabled());
    assertFalse(web.isServiceAccountsEnabled());
    assertEquals("S256", web.getAttributes().get("pkce.code.challenge.method"));
    assertEquals(List.of(WEB_BASE + "/t/aisne/*"), web.getRedirectUris());
    assertEquals(WEB_BASE + "/t/aisne/*", web.getAttributes().get("post.logout.redirect.uris"));

    ClientRepresentation api = client(realm, RealmProvisioner.API_CLIENT);
    assertFalse(api.isPublicClient());
    assertTrue(api.isServiceAccountsEnabled());
    assertFalse(api.isStandardFlowEnabled());
    assertFalse(api.isDirectAccessGrantsEnabled());

    for (ClientRepresentation client : List.of(web, api)) {
      Map<String, ProtocolMapperRepresentation> mappers = mappers(realm, client);
      assertEquals(Set.of("pacte-roles", "pacte-territories", "pacte-organisation", "pacte-api-audience"),
          mappers.keySet(), client.getClientId());
      assertEquals("oidc-usermodel-realm-role-mapper", mappers.get("pacte-roles").getProtocolMapper());
      assertEquals("roles", mappers.get("pacte-roles").getConfig().get("claim.name"));
      assertEquals("oidc-usermodel-attribute-mapper", mappers.get("pacte-territories").getProtocolMapper());
      assertEquals("pacte_territories", mappers.get("pacte-territories").getConfig().get("user.attribute"));
      assertEquals("true", mappers.get("pacte-territories").getConfig().get("multivalued"));
      assertEquals("pacte_organisation", mappers.get("pacte-organisation").getConfig().get("user.attribute"));
      assertEquals("oidc-audience-mapper", mappers.get("pacte-api-audience").getProtocolMapper());
      assertEquals("pacte-api", mappers.get("pacte-api-audience").getConfig().get("included.client.audience"));
    }

    UPAttribute territories = realm.users().userProfile().getConfiguration()
        .getAttribute(RealmProvisioner.TERRITORIES_ATTRIBUTE);
    assertNotNull(territories, "the scope attribute is declared in the user profile");
    assertTrue(territories.isMultivalued());
    assertEquals(Set.of("admin"), Set.copyOf(territories.getPermissions().getEdit()), "only administrators edit it");

    InitialCredentials credentials = provisioned.firstUser().orElseThrow();
    assertEquals("admin.aisne", credentials.username());
    assertTrue(credentials.temporaryPassword().length() >= 12);
    UserRepresentation admin = realm.users().searchByUsername("admin.aisne", true).get(0);
    assertTrue(admin.isEnabled());
    assertTrue(admin.getRequiredActions().contains("UPDATE_PASSWORD"));
    assertEquals(List.of("tenant-administrator"), realm.users().get(admin.getId()).roles().realmLevel().listAll()
        .stream().map(RoleRepresentation::getName).filter(name -> Role.fromCode(name).isPresent()).toList());

    // The temporary password is the right one, and it cannot be used before it is changed.
    createDirectGrantClient(realm, DIRECT_CLIENT, true);
    KeycloakFixtures.TokenResponse withTemporary = passwordGrant(keycloak, "pacte-aisne", DIRECT_CLIENT,
        "admin.aisne", credentials.temporaryPassword());
    assertEquals(400, withTemporary.status());
    assertEquals("Account is not fully set up", withTemporary.body().getString("error_description"));
    KeycloakFixtures.TokenResponse wrong = passwordGrant(keycloak, "pacte-aisne", DIRECT_CLIENT, "admin.aisne",
        "not-the-password-at-all");
    assertTrue(wrong.status() == 400 || wrong.status() == 401, "wrong password: " + wrong.status());
    assertEquals("Invalid user credentials", wrong.body().getString("error_description"));

    // Provisioning again: no failure, same secrets, users kept, repaired where an administrator broke it.
    String userId = createUser(realm, "referent.laon", "referent-laon-password", List.of("referent"),
        List.of("laon"), null);
    ClientRepresentation apiNow = client(realm, RealmProvisioner.API_CLIENT);
    String rolesMapperId = mappers(realm, apiNow).get("pacte-roles").getId();
    realm.clients().get(apiNow.getId()).getProtocolMappers().delete(rolesMapperId);
    realm.roles().deleteRole("auditor");
    RealmRepresentation tuned = realm.toRepresentation();
    tuned.setAccessTokenLifespan(600);
    realm.update(tuned);

    Provisioned again = provisioner.provisionTenant(aisne());
    assertFalse(again.realmCreated());
    assertTrue(again.firstUser().isEmpty(), "an existing first administrator is left as it is");
    assertEquals(provisioned.webClientSecret(), again.webClientSecret());
    assertEquals(provisioned.apiClientSecret(), again.apiClientSecret());
    assertEquals(admin.getId(), realm.users().searchByUsername("admin.aisne", true).get(0).getId());
    assertEquals(userId, realm.users().searchByUsername("referent.laon", true).get(0).getId());
    assertEquals(List.of("laon"), realm.users().get(userId).toRepresentation().getAttributes()
        .get(RealmProvisioner.TERRITORIES_ATTRIBUTE));
    assertTrue(mappers(realm, client(realm, RealmProvisioner.API_CLIENT)).containsKey("pacte-roles"));
    assertEquals(4, mappers(realm, client(realm, RealmProvisioner.WEB_CLIENT)).size(), "no duplicated mapper");
    assertEquals("Auditeur (lecture seule)", realm.roles().get("auditor").toRepresentation().getDescription());
    assertEquals(600, realm.toRepresentation().getAccessTokenLifespan(), "settings Pacte does not own are kept");
    assertEquals(1, realm.clients().findByClientId(RealmProvisioner.WEB_CLIENT).size());
  }

  @Test
  void deactivatingATenantDisablesItsRealmAndProvisioningEnablesItAgain() {
    TenantRealm ardennes = new TenantRealm("ardennes", "Département des Ardennes", WEB_BASE, null);
    Provisioned provisioned = provisioner.provisionTenant(ardennes);
    assertTrue(provisioned.firstUser().isEmpty());
    RealmResource realm = provisioner.tenantRealm("ardennes");
    createDirectGrantClient(realm, DIRECT_CLIENT, true);
    createUser(realm, "agent.charleville", "agent-charleville-pw", List.of("territory-agent"),
        List.of("charleville"), null);
    assertEquals(200, passwordGrant(keycloak, "pacte-ardennes", DIRECT_CLIENT, "agent.charleville",
        "agent-charleville-pw").status());

    assertTrue(provisioner.deactivate("ardennes"));
    assertFalse(realm.toRepresentation().isEnabled());
    assertFalse(provisioner.isActive("ardennes"));
    KeycloakFixtures.TokenResponse refused = passwordGrant(keycloak, "pacte-ardennes", DIRECT_CLIENT,
        "agent.charleville", "agent-charleville-pw");
    assertNotEquals(200, refused.status(), "a disabled realm issues no token: " + refused.body());
    assertTrue(provisioner.deactivate("ardennes"), "deactivating twice is fine");
    assertFalse(provisioner.deactivate("no-such-tenant"));

    provisioner.provisionTenant(ardennes);
    assertTrue(provisioner.isActive("ardennes"));
    assertEquals(200, passwordGrant(keycloak, "pacte-ardennes", DIRECT_CLIENT, "agent.charleville",
        "agent-charleville-pw").status());
  }

  @Test
  void thePlatformRealmHoldsPlatformOperators() {
    Provisioned platform = provisioner.provisionPlatformRealm(WEB_BASE, FirstUser.named("operateur.plateforme"));
    assertEquals("pacte-platform", platform.realm());
    assertEquals(null, platform.tenantSlug());
    RealmResource realm = provisioner.admin().realm("pacte-platform");
    Set<String> roles = realm.roles().list().stream().map(RoleRepresentation::getName)
        .filter(name -> Role.fromCode(name).isPresent()).collect(Collectors.toSet());
    assertEquals(Set.of("platform-operator"), roles);
    assertEquals(List.of(WEB_BASE + "/*"), client(realm, RealmProvisioner.WEB_CLIENT).getRedirectUris());
    assertTrue(platform.firstUser().isPresent());
    UserRepresentation operator = realm.users().searchByUsername("operateur.plateforme", true).get(0);
    assertTrue(operator.getRequiredActions().contains("UPDATE_PASSWORD"));
    assertTrue(realm.users().get(operator.getId()).roles().realmLevel().listAll().stream()
        .anyMatch(role -> role.getName().equals("platform-operator")));
    assertFalse(provisioner.provisionPlatformRealm(WEB_BASE, FirstUser.named("operateur.plateforme"))
        .realmCreated());
  }

  private static ClientRepresentation client(RealmResource realm, String clientId) {
    List<ClientRepresentation> found = realm.clients().findByClientId(clientId);
    assertEquals(1, found.size(), clientId);
    return found.get(0);
  }

  private static Map<String, ProtocolMapperRepresentation> mappers(RealmResource realm, ClientRepresentation client) {
    return realm.clients().get(client.getId()).getProtocolMappers().getMappers().stream()
        .collect(Collectors.toMap(ProtocolMapperRepresentation::getName, mapper -> mapper));
  }
}

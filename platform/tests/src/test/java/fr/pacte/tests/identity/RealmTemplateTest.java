package fr.pacte.tests.identity;

import static fr.pacte.tests.identity.KeycloakFixtures.DIRECT_CLIENT;
import static fr.pacte.tests.identity.KeycloakFixtures.WEB_BASE;
import static fr.pacte.tests.identity.KeycloakFixtures.accepted;
import static fr.pacte.tests.identity.KeycloakFixtures.createDirectGrantClient;
import static fr.pacte.tests.identity.KeycloakFixtures.createUser;
import static fr.pacte.tests.identity.KeycloakFixtures.passwordGrant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import fr.pacte.api.Role;
import fr.pacte.server.identity.keycloak.RealmProvisioner;
import fr.pacte.server.identity.keycloak.RealmProvisioner.TenantRealm;
import fr.pacte.server.identity.keycloak.TokenVerifier;
import fr.pacte.server.identity.keycloak.VerifiedToken;
import fr.pacte.testkit.KeycloakServer;
import fr.pacte.testkit.Repository;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.util.JsonSerialization;

/**
 * {@code deploy/keycloak/pacte-tenant-realm.json} describes the same realm as {@link RealmProvisioner}: imported, then
 * provisioned over, nothing Pacte owns changes; and its tokens verify.
 */
@ExtendWith(KeycloakServer.Extension.class)
class RealmTemplateTest {

  @Test
  void theRealmTemplateIsWhatTheProvisionerBuilds(KeycloakServer keycloak) throws Exception {
    String template = Files.readString(Repository.root().resolve("deploy/keycloak/pacte-tenant-realm.json"))
        .replace("__TENANT_SLUG__", "deux-sevres")
        .replace("__TENANT_DISPLAY_NAME__", "Département des Deux-Sèvres")
        .replace("__PACTE_WEB_BASE_URL__", WEB_BASE);
    try (RealmProvisioner provisioner = keycloak.provisioner()) {
      provisioner.admin().realms().create(JsonSerialization.readValue(template, RealmRepresentation.class));
      RealmResource realm = provisioner.tenantRealm("deux-sevres");
      Map<String, Object> imported = pacteParts(realm);

      RealmProvisioner.Provisioned provisioned = provisioner.provisionTenant(
          new TenantRealm("deux-sevres", "Département des Deux-Sèvres", WEB_BASE, null));
      assertFalse(provisioned.realmCreated());
      assertEquals(imported, pacteParts(realm), "provisioning changed nothing the template had set");

      createDirectGrantClient(realm, DIRECT_CLIENT, true);
      createUser(realm, "agent.niort", "mot-de-passe-de-test", List.of("territory-agent"), List.of("niort"), null);
      String token = passwordGrant(keycloak, "pacte-deux-sevres", DIRECT_CLIENT, "agent.niort",
          "mot-de-passe-de-test").accessToken();
      VerifiedToken verified = accepted(TokenVerifier.create()
          .trustTenant("deux-sevres", keycloak.issuer("pacte-deux-sevres")).verify(token, "deux-sevres"));
      assertEquals(Set.of(Role.TERRITORY_AGENT), verified.roles());
      assertEquals(List.of("niort"), verified.territories());
    }
  }

  /** Everything of a realm that RealmProvisioner sets, in comparable form. */
  private static Map<String, Object> pacteParts(RealmResource realm) {
    Map<String, Object> parts = new TreeMap<>();
    RealmRepresentation settings = realm.toRepresentation();
    parts.put("realm", List.of(settings.isEnabled(), settings.getDisplayName(), settings.getDefaultLocale(),
        settings.getSupportedLocales(), settings.isInternationalizationEnabled(), settings.isBruteForceProtected(),
        settings.getFailureFactor(), settings.getSslRequired(), String.valueOf(settings.getPasswordPolicy())));
    for (Role role : Role.tenantRoles()) {
      RoleRepresentation representation = realm.roles().get(role.code()).toRepresentation();
      parts.put("role " + role.code(), representation.getDescription());
    }
    for (String clientId : List.of(RealmProvisioner.WEB_CLIENT, RealmProvisioner.API_CLIENT)) {
      List<ClientRepresentation> found = realm.clients().findByClientId(clientId);
      assertEquals(1, found.size(), clientId);
      ClientRepresentation client = found.get(0);
      parts.put("client " + clientId, List.of(client.isPublicClient(), client.isStandardFlowEnabled(),
          client.isImplicitFlowEnabled(), client.isDirectAccessGrantsEnabled(), client.isServiceAccountsEnabled(),
          String.valueOf(client.getRootUrl()), String.valueOf(client.getBaseUrl()), client.getRedirectUris(),
          client.getWebOrigins(), String.valueOf(client.getAttributes().get("pkce.code.challenge.method")),
          String.valueOf(client.getAttributes().get("post.logout.redirect.uris"))));
      for (ProtocolMapperRepresentation mapper : realm.clients().get(client.getId()).getProtocolMappers()
          .getMappers()) {
        parts.put("mapper " + clientId + " " + mapper.getName(),
            List.of(mapper.getProtocolMapper(), new TreeMap<>(mapper.getConfig())));
      }
    }
    for (String attribute : List.of(RealmProvisioner.TERRITORIES_ATTRIBUTE, RealmProvisioner.ORGANISATION_ATTRIBUTE)) {
      UPAttribute declared = realm.users().userProfile().getConfiguration().getAttribute(attribute);
      parts.put("attribute " + attribute, List.of(declared.isMultivalued(),
          Set.copyOf(declared.getPermissions().getEdit()), Set.copyOf(declared.getPermissions().getView())));
    }
    return parts;
  }
}

package fr.pacte.tests.identity;

import static fr.pacte.tests.identity.KeycloakFixtures.DIRECT_CLIENT;
import static fr.pacte.tests.identity.KeycloakFixtures.WEB_BASE;
import static fr.pacte.tests.identity.KeycloakFixtures.accepted;
import static fr.pacte.tests.identity.KeycloakFixtures.clientCredentials;
import static fr.pacte.tests.identity.KeycloakFixtures.createDirectGrantClient;
import static fr.pacte.tests.identity.KeycloakFixtures.createUser;
import static fr.pacte.tests.identity.KeycloakFixtures.header;
import static fr.pacte.tests.identity.KeycloakFixtures.passwordGrant;
import static fr.pacte.tests.identity.KeycloakFixtures.payload;
import static fr.pacte.tests.identity.KeycloakFixtures.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.api.Role;
import fr.pacte.server.identity.keycloak.RealmProvisioner;
import fr.pacte.server.identity.keycloak.RealmProvisioner.Provisioned;
import fr.pacte.server.identity.keycloak.RealmProvisioner.TenantRealm;
import fr.pacte.server.identity.keycloak.TokenRefused;
import fr.pacte.server.identity.keycloak.TokenRefused.Reason;
import fr.pacte.server.identity.keycloak.TokenVerifier;
import fr.pacte.server.identity.keycloak.VerifiedToken;
import fr.pacte.testkit.KeycloakServer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * Real Keycloak tokens checked by {@link TokenVerifier}: accepted with tenant, roles and scopes; refused, each with its
 * own reason, when from another tenant, expired, re-signed, unsigned, of an unknown issuer or meant for another client.
 */
@ExtendWith(KeycloakServer.Extension.class)
class TokenVerifierTest {

  private static final String PASSWORD = "mot-de-passe-de-test";
  private static KeycloakServer keycloak;
  private static RealmProvisioner provisioner;
  private static TokenVerifier verifier;
  private static String sommeApiSecret;

  @BeforeAll
  static void realms(KeycloakServer server) {
    keycloak = server;
    provisioner = server.provisioner();
    for (String slug : List.of("somme", "allier", "creuse", "cher")) {
      Provisioned provisioned = provisioner.provisionTenant(new TenantRealm(slug, "Département " + slug, WEB_BASE,
          null));
      if (slug.equals("somme")) {
        sommeApiSecret = provisioned.apiClientSecret();
      }
      RealmResource realm = provisioner.tenantRealm(slug);
      createDirectGrantClient(realm, DIRECT_CLIENT, true);
    }
    RealmResource somme = provisioner.tenantRealm("somme");
    createUser(somme, "agent.amiens", PASSWORD, List.of("territory-agent"), List.of("amiens", "cinq-vallees"), null);
    createUser(somme, "operateur.asso", PASSWORD, List.of("operator"), List.of(), "asso-mobilite-80");
    // A rogue tenant administrator could create a realm role named like the platform's: it must not count.
    somme.roles().create(new RoleRepresentation("platform-operator", "usurped", false));
    createUser(somme, "usurpateur", PASSWORD, List.of("auditor", "platform-operator"), List.of(), null);
    createDirectGrantClient(somme, "other-app", false);
    createUser(provisioner.tenantRealm("allier"), "agent.moulins", PASSWORD, List.of("territory-agent"),
        List.of("moulins"), null);
    createUser(provisioner.tenantRealm("creuse"), "agent.gueret", PASSWORD, List.of("territory-agent"),
        List.of("gueret"), null);
    RealmResource cher = provisioner.tenantRealm("cher");
    RealmRepresentation shortLived = cher.toRepresentation();
    shortLived.setAccessTokenLifespan(2);
    cher.update(shortLived);
    createUser(cher, "agent.bourges", PASSWORD, List.of("territory-agent"), List.of("bourges"), null);

    provisioner.provisionPlatformRealm(WEB_BASE, null);
    RealmResource platform = provisioner.admin().realm(RealmProvisioner.PLATFORM_REALM);
    createDirectGrantClient(platform, DIRECT_CLIENT, true);
    createUser(platform, "operateur.pacte", PASSWORD, List.of("platform-operator"), List.of(), null);

    // creuse is provisioned in Keycloak but not trusted: an unknown issuer for Pacte.
    verifier = TokenVerifier.builder().leeway(Duration.ofSeconds(1)).build()
        .trustTenant("somme", keycloak.issuer("pacte-somme"))
        .trustTenant("allier", keycloak.issuer("pacte-allier"))
        .trustTenant("cher", keycloak.issuer("pacte-cher"))
        .trustPlatform(keycloak.issuer(RealmProvisioner.PLATFORM_REALM));
  }

  @AfterAll
  static void close() {
    provisioner.close();
  }

  private static String token(String realm, String username) {
    return passwordGrant(keycloak, realm, DIRECT_CLIENT, username, PASSWORD).accessToken();
  }

  @Test
  void aTerritoryAgentsTokenIsAcceptedWithTenantRolesAndTerritories() {
    String token = token("pacte-somme", "agent.amiens");
    VerifiedToken verified = accepted(verifier.verify(token, "somme"));
    assertEquals("somme", verified.tenantSlug());
    assertFalse(verified.isPlatform());
    assertEquals("agent.amiens", verified.username());
    assertEquals(provisioner.tenantRealm("somme").users().searchByUsername("agent.amiens", true).get(0).getId(),
        verified.subject());
    assertEquals(Set.of(Role.TERRITORY_AGENT), verified.roles());
    assertEquals(Set.of("amiens", "cinq-vallees"), Set.copyOf(verified.territories()));
    assertNull(verified.organisation());
    assertEquals(keycloak.issuer("pacte-somme"), verified.issuer());
    assertTrue(verified.expiresAt().isAfter(Instant.now()));
    // The provisioned mappers put the flat roles claim and the API audience in the token.
    JsonObject claims = payload(token);
    assertTrue(claims.getJsonArray("roles").contains("territory-agent"));
    assertTrue(claims.getValue("aud").toString().contains("pacte-api"));
    assertEquals("RS256", header(token).getString("alg"));
  }

  @Test
  void anOperatorsTokenCarriesItsOrganisation() {
    VerifiedToken verified = accepted(verifier.verify(token("pacte-somme", "operateur.asso"), "somme"));
    assertEquals(Set.of(Role.OPERATOR), verified.roles());
    assertEquals("asso-mobilite-80", verified.organisation());
    assertEquals(List.of(), verified.territories());
  }

  @Test
  void theApiClientsServiceAccountGetsAMachineToken() {
    String token = clientCredentials(keycloak, "pacte-somme", RealmProvisioner.API_CLIENT, sommeApiSecret)
        .accessToken();
    VerifiedToken verified = accepted(verifier.verify(token, "somme"));
    assertEquals("somme", verified.tenantSlug());
    assertEquals("service-account-pacte-api", verified.username());
    assertEquals("pacte-api", verified.clientId());
    assertEquals(Set.of(), verified.roles(), "a service account has no Pacte role until one is granted");
  }

  @Test
  void aPlatformOperatorsTokenHasNoTenant() {
    String token = token(RealmProvisioner.PLATFORM_REALM, "operateur.pacte");
    VerifiedToken verified = accepted(verifier.verifyPlatform(token));
    assertTrue(verified.isPlatform());
    assertNull(verified.tenantSlug());
    assertEquals(Set.of(Role.PLATFORM_OPERATOR), verified.roles());
    assertEquals(Reason.WRONG_TENANT, refused(verifier.verify(token, "somme")).reason());
  }

  @Test
  void aTenantRealmCannotGrantThePlatformRole() {
    VerifiedToken verified = accepted(verifier.verify(token("pacte-somme", "usurpateur"), "somme"));
    assertTrue(payload(token("pacte-somme", "usurpateur")).getJsonArray("roles").contains("platform-operator"));
    assertEquals(Set.of(Role.AUDITOR), verified.roles());
    assertEquals(Reason.WRONG_TENANT, refused(verifier.verifyPlatform(token("pacte-somme", "usurpateur"))).reason());
  }

  @Test
  void anotherTenantsTokenIsRefusedOnThisTenant() {
    String allier = token("pacte-allier", "agent.moulins");
    assertEquals("allier", accepted(verifier.verify(allier)).tenantSlug(), "valid for its own tenant");
    TokenRefused refusal = refused(verifier.verify(allier, "somme"));
    assertEquals(Reason.WRONG_TENANT, refusal.reason());
    assertEquals(401, refusal.status());
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    String token = token("pacte-cher", "agent.bourges");
    long exp = payload(token).getLong("exp");
    assertTrue(exp - payload(token).getLong("iat") <= 2, "the realm's access tokens live 2 s");
    assertEquals("cher", accepted(verifier.verify(token, "cher")).tenantSlug(), "valid while it lives");
    // Leeway is 1 s: wait until exp + 1 s is past.
    long waitMillis = (exp + 1) * 1000 - System.currentTimeMillis() + 300;
    if (waitMillis > 0) {
      Thread.sleep(waitMillis);
    }
    assertEquals(Reason.EXPIRED, refused(verifier.verify(token, "cher")).reason());
  }

  @Test
  void aTokenReSignedWithAnotherKeyIsRefused() throws Exception {
    String token = token("pacte-somme", "agent.amiens");
    accepted(verifier.verify(token, "somme"));
    // Same header (same kid), same claims, signed with an attacker's key.
    String forged = KeycloakFixtures.signRs256(header(token), payload(token), KeycloakFixtures.newRsaKey().getPrivate());
    assertEquals(Reason.BAD_SIGNATURE, refused(verifier.verify(forged, "somme")).reason());
    // Real signature, widened claims.
    String[] parts = token.split("\\.");
    JsonObject widened = payload(token).put("pacte_territories", List.of("amiens", "abbeville"));
    String tampered = parts[0] + "." + KeycloakFixtures.encode(widened) + "." + parts[2];
    assertEquals(Reason.BAD_SIGNATURE, refused(verifier.verify(tampered, "somme")).reason());
  }

  @Test
  void unsignedAndSymmetricTokensAreRefused() throws Exception {
    String token = token("pacte-somme", "agent.amiens");
    JsonObject none = header(token).put("alg", "none");
    String unsigned = KeycloakFixtures.encode(none) + "." + KeycloakFixtures.encode(payload(token)) + ".";
    TokenRefused refusal = refused(verifier.verify(unsigned, "somme"));
    assertEquals(Reason.UNSUPPORTED_ALGORITHM, refusal.reason());
    // The classic confusion: HS256 keyed with the realm's public key bytes.
    JsonObject hs256 = header(token).put("alg", "HS256");
    byte[] publicKeyBytes = new BigInteger("123456789").toByteArray();
    String symmetric = KeycloakFixtures.signHs256(hs256, payload(token), publicKeyBytes);
    assertEquals(Reason.UNSUPPORTED_ALGORITHM, refused(verifier.verify(symmetric, "somme")).reason());
  }

  @Test
  void aTokenOfAnUnknownIssuerIsRefusedWithoutAnyNetworkCall() {
    String creuse = token("pacte-creuse", "agent.gueret");
    long fetches = verifier.keyFetches();
    assertEquals(Reason.UNKNOWN_ISSUER, refused(verifier.verify(creuse)).reason());
    assertEquals(Reason.UNKNOWN_ISSUER, refused(verifier.verify(creuse, "somme")).reason());
    assertEquals(fetches, verifier.keyFetches(), "no key fetched for an unknown issuer");
  }

  @Test
  void anUnknownKeyIdIsRefusedAndDoesNotHammerKeycloak() throws Exception {
    String token = token("pacte-somme", "agent.amiens");
    accepted(verifier.verify(token, "somme")); // keys cached now
    long fetches = verifier.keyFetches();
    JsonObject otherKid = header(token).put("kid", "not-a-key-of-this-realm");
    String forged = KeycloakFixtures.signRs256(otherKid, payload(token), KeycloakFixtures.newRsaKey().getPrivate());
    for (int i = 0; i < 5; i++) {
      assertEquals(Reason.UNKNOWN_KEY, refused(verifier.verify(forged, "somme")).reason());
    }
    assertTrue(verifier.keyFetches() - fetches <= 1, "at most one refetch a minute per realm");
  }

  @Test
  void aTokenForAnotherClientOrAnIdTokenIsRefused() {
    // A client of the realm without the audience mapper: aud is not pacte-api, azp is other-app.
    String other = passwordGrant(keycloak, "pacte-somme", "other-app", "agent.amiens", PASSWORD).accessToken();
    assertEquals(Reason.WRONG_AUDIENCE, refused(verifier.verify(other, "somme")).reason());
    String idToken = passwordGrant(keycloak, "pacte-somme", DIRECT_CLIENT, "agent.amiens", PASSWORD).body()
        .getString("id_token");
    assertEquals(Reason.NOT_AN_ACCESS_TOKEN, refused(verifier.verify(idToken, "somme")).reason());
    assertEquals(Reason.MALFORMED, refused(verifier.verify("not.a.jwt", "somme")).reason());
  }

  @Test
  void keysAreFetchedOnceAndTheResultComesBackOnTheCallersVertxContext() throws Exception {
    TokenVerifier fresh = TokenVerifier.create().trustTenant("somme", keycloak.issuer("pacte-somme"));
    String token = token("pacte-somme", "agent.amiens");
    Vertx vertx = Vertx.vertx();
    try {
      Context context = vertx.getOrCreateContext();
      CompletableFuture<Context> completedOn = new CompletableFuture<>();
      context.runOnContext(ignored -> fresh.verify(token, "somme").onComplete(result -> {
        if (result.succeeded()) {
          completedOn.complete(Vertx.currentContext());
        } else {
          completedOn.completeExceptionally(result.cause());
        }
      }));
      assertSame(context, completedOn.get(15, TimeUnit.SECONDS));
      accepted(fresh.verify(token, "somme"));
      accepted(fresh.verify(token("pacte-somme", "operateur.asso"), "somme"));
      assertEquals(1, fresh.keyFetches(), "the realm's keys are fetched once and cached");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void anUnreachableKeySetIsAServerSideFailure() {
    TokenVerifier unreachable = TokenVerifier.builder().fetchTimeout(Duration.ofSeconds(2)).build()
        .trustTenant("somme", keycloak.issuer("pacte-somme"), URI.create("http://127.0.0.1:9/certs"));
    TokenRefused refusal = refused(unreachable.verify(token("pacte-somme", "agent.amiens"), "somme"));
    assertEquals(Reason.KEYS_UNAVAILABLE, refusal.reason());
    assertEquals(503, refusal.status());
  }
}

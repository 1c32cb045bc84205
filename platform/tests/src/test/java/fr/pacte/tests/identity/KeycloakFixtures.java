package fr.pacte.tests.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.pacte.server.identity.keycloak.RealmProvisioner;
import fr.pacte.server.identity.keycloak.TokenRefused;
import fr.pacte.server.identity.keycloak.VerifiedToken;
import fr.pacte.testkit.KeycloakServer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Test-only helpers: users, a direct-grant client, token requests and hand-made JWTs. */
final class KeycloakFixtures {

  static final String WEB_BASE = "https://pacte.example.fr";
  /** A test-only public client with direct access grants (the provisioned clients have none). */
  static final String DIRECT_CLIENT = "pacte-test-direct";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private KeycloakFixtures() {
  }

  /**
   * Creates a public client with direct access grants carrying the same protocol mappers as the provisioned
   * {@code pacte-api} client (copied from it, so the tokens show what the real mappers produce), or none.
   */
  static void createDirectGrantClient(RealmResource realm, String clientId, boolean withPacteMappers) {
    ClientRepresentation client = new ClientRepresentation();
    client.setClientId(clientId);
    client.setEnabled(true);
    client.setPublicClient(true);
    client.setStandardFlowEnabled(false);
    client.setDirectAccessGrantsEnabled(true);
    if (withPacteMappers) {
      String apiId = realm.clients().findByClientId(RealmProvisioner.API_CLIENT).get(0).getId();
      List<ProtocolMapperRepresentation> mappers = new ArrayList<>();
      for (ProtocolMapperRepresentation mapper : realm.clients().get(apiId).getProtocolMappers().getMappers()) {
        mapper.setId(null);
        mappers.add(mapper);
      }
      client.setProtocolMappers(mappers);
    }
    try (Response response = realm.clients().create(client)) {
      assertEquals(201, response.getStatus(), () -> response.readEntity(String.class));
    }
  }

  /** Creates an enabled user with a complete profile (no required action left), returns its id. */
  static String createUser(RealmResource realm, String username, String password, List<String> roles,
                           List<String> territories, String organisation) {
    UserRepresentation user = new UserRepresentation();
    user.setUsername(username);
    user.setEnabled(true);
    user.setEmail(username + "@example.org");
    user.setEmailVerified(true);
    user.setFirstName("Prénom");
    user.setLastName("Nom");
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    if (!territories.isEmpty()) {
      attributes.put(RealmProvisioner.TERRITORIES_ATTRIBUTE, territories);
    }
    if (organisation != null) {
      attributes.put(RealmProvisioner.ORGANISATION_ATTRIBUTE, List.of(organisation));
    }
    user.setAttributes(attributes);
    CredentialRepresentation credential = new CredentialRepresentation();
    credential.setType(CredentialRepresentation.PASSWORD);
    credential.setValue(password);
    credential.setTemporary(false);
    user.setCredentials(List.of(credential));
    String id;
    try (Response response = realm.users().create(user)) {
      assertEquals(201, response.getStatus(), () -> response.readEntity(String.class));
      id = CreatedResponseUtil.getCreatedId(response);
    }
    List<RoleRepresentation> granted = roles.stream().map(role -> realm.roles().get(role).toRepresentation()).toList();
    if (!granted.isEmpty()) {
      realm.users().get(id).roles().realmLevel().add(granted);
    }
    return id;
  }

  /** A token endpoint answer. */
  record TokenResponse(int status, JsonObject body) {
    String accessToken() {
      assertEquals(200, status, () -> "token endpoint answered " + status + " " + body);
      return body.getString("access_token");
    }
  }

  static TokenResponse passwordGrant(KeycloakServer keycloak, String realm, String clientId, String username,
                                     String password) {
    return tokenRequest(keycloak, realm, Map.of("grant_type", "password", "client_id", clientId, "username", username,
        "password", password, "scope", "openid"));
  }

  static TokenResponse clientCredentials(KeycloakServer keycloak, String realm, String clientId, String secret) {
    return tokenRequest(keycloak, realm, Map.of("grant_type", "client_credentials", "client_id", clientId,
        "client_secret", secret));
  }

  private static TokenResponse tokenRequest(KeycloakServer keycloak, String realm, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.issuer(realm) + "/protocol/openid-connect/token"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      JsonObject json = text == null || !text.strip().startsWith("{") ? new JsonObject().put("raw", text)
          : new JsonObject(text);
      return new TokenResponse(response.statusCode(), json);
    } catch (Exception e) {
      throw new AssertionError("token request failed", e);
    }
  }

  // ------------------------------------------------------------------------------------------ verifying

  /** Waits for a verification (called off Vert.x, the future completes on the HTTP client's or this thread). */
  static VerifiedToken accepted(Future<VerifiedToken> verification) {
    try {
      return verification.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("token refused: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Waits for a verification that must fail, returns the refusal. */
  static TokenRefused refused(Future<VerifiedToken> verification) {
    try {
      VerifiedToken token = verification.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
      throw new AssertionError("token accepted: " + token);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TokenRefused refused) {
        return refused;
      }
      throw new AssertionError("failed with something else than TokenRefused", e.getCause());
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  // -------------------------------------------------------------------------------------- hand-made JWTs

  static JsonObject header(String jwt) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
  }

  static JsonObject payload(String jwt) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  static String encode(JsonObject json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  static KeyPair newRsaKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  /** Signs header and payload with RS256 and the given key. */
  static String signRs256(JsonObject header, JsonObject payload, PrivateKey key) throws Exception {
    String input = encode(header) + "." + encode(payload);
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(key);
    signature.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
  }

  /** Signs header and payload with HS256 and the given secret. */
  static String signHs256(JsonObject header, JsonObject payload, byte[] secret) throws Exception {
    String input = encode(header) + "." + encode(payload);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    return input + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }
}

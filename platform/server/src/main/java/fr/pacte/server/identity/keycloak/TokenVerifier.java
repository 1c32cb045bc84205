package fr.pacte.server.identity.keycloak;

import fr.pacte.api.Role;
import fr.pacte.server.identity.keycloak.TokenRefused.Reason;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks Keycloak access tokens locally, against the signing keys of the realm that issued them, for several realms
 * (one per tenant, plus the platform realm). Plain JDK crypto: no JWT library, no introspection or userinfo call, ever.
 *
 * <p>What it checks, in this order (each failure is a distinct {@link Reason}):
 * <ol>
 *   <li>shape: a compact JWS of at most 16 KiB, base64url JSON header and payload;</li>
 *   <li>header {@code alg} is exactly {@code RS256} ({@code none}, HS256 and the rest are refused before anything
 *       else), no {@code crit}, a {@code kid};</li>
 *   <li>{@code iss} is one of the issuers registered with {@link #trustTenant} / {@link #trustPlatform}: the issuer
 *       is looked up, never used to build a URL, so an unknown issuer costs no network call;</li>
 *   <li>the RSA key named by {@code kid} in that realm's JWKS ({@code <issuer>/protocol/openid-connect/certs} unless
 *       another URI is given): fetched on first use and cached; an unknown {@code kid} (key rotation) triggers at most
 *       one refetch per realm per {@link #KEY_REFRESH_INTERVAL}; only {@code RSA} keys for {@code sig} of at least
 *       2048 bits are kept;</li>
 *   <li>the SHA256withRSA signature;</li>
 *   <li>{@code exp} (required) and {@code nbf} (if present), with a small leeway for clock skew;</li>
 *   <li>Keycloak's {@code typ} is {@code Bearer} (not an ID or refresh token);</li>
 *   <li>{@code aud} contains, or {@code azp} is, the API client ({@value RealmProvisioner#API_CLIENT} by default);</li>
 *   <li>with {@link #verify(String, String)} / {@link #verifyPlatform(String)}: the realm is the expected tenant's
 *       (or the platform's).</li>
 * </ol>
 *
 * <p><b>Asynchronous, non-blocking.</b> The result is a Vert.x {@link Future}. When the realm's keys are cached (the
 * normal case) it is computed on the calling thread and returned completed. Otherwise the JWKS is fetched with the
 * JDK's asynchronous {@link HttpClient}; the future then completes on the caller's Vert.x context (or, called outside
 * Vert.x, on the HTTP client's thread). Safe to call from an event loop and from several threads at once. It fails
 * with {@link TokenRefused}.
 *
 * <p>Trust is mutable: register a tenant's issuer when the tenant is loaded or created, {@link #forget} it when the
 * tenant is deactivated (tokens already issued would otherwise stay valid until they expire).
 */
public final class TokenVerifier {

  public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(10);
  public static final Duration KEY_REFRESH_INTERVAL = Duration.ofMinutes(1);
  /** After a failed JWKS fetch, how long before the next attempt (keeps a Keycloak outage from being hammered). */
  public static final Duration FAILED_FETCH_RETRY = Duration.ofSeconds(5);
  public static final int MAX_TOKEN_LENGTH = 16 * 1024;
  private static final int MIN_RSA_BITS = 2048;
  private static final String CERTS_PATH = "/protocol/openid-connect/certs";
  private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);

  private final HttpClient http;
  private final Clock clock;
  private final Duration leeway;
  private final String audience;
  private final Duration fetchTimeout;
  private final Map<String, TrustedIssuer> issuers = new ConcurrentHashMap<>();
  private final AtomicLong keyFetches = new AtomicLong();

  private TokenVerifier(Builder builder) {
    this.http = builder.http != null ? builder.http
        : HttpClient.newBuilder().connectTimeout(builder.fetchTimeout).followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.clock = builder.clock;
    this.leeway = builder.leeway;
    this.audience = builder.audience;
    this.fetchTimeout = builder.fetchTimeout;
  }

  /** A verifier with the defaults: system clock, {@link #DEFAULT_LEEWAY}, audience {@code pacte-api}. */
  public static TokenVerifier create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Settings of a verifier. */
  public static final class Builder {
    private HttpClient http;
    private Clock clock = Clock.systemUTC();
    private Duration leeway = DEFAULT_LEEWAY;
    private String audience = RealmProvisioner.API_CLIENT;
    private Duration fetchTimeout = Duration.ofSeconds(5);

    private Builder() {
    }

    /** Allowed clock skew for {@code exp} and {@code nbf}; keep it small (seconds). */
    public Builder leeway(Duration leeway) {
      if (leeway.isNegative() || leeway.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("Leeway must be between 0 and 5 minutes");
      }
      this.leeway = leeway;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** The client id that must be in {@code aud} (or be {@code azp}). */
    public Builder audience(String audience) {
      this.audience = Objects.requireNonNull(audience);
      return this;
    }

    /** The HTTP client fetching the JWKS (e.g. with a custom TLS context). */
    public Builder httpClient(HttpClient http) {
      this.http = Objects.requireNonNull(http);
      return this;
    }

    public Builder fetchTimeout(Duration timeout) {
      this.fetchTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    public TokenVerifier build() {
      return new TokenVerifier(this);
    }
  }

  // ----------------------------------------------------------------------------------------------------- trust

  /** Trusts the realm of a tenant; its keys are fetched from {@code <issuer>/protocol/openid-connect/certs}. */
  public TokenVerifier trustTenant(String tenantSlug, String issuer) {
    return trustTenant(tenantSlug, issuer, URI.create(issuer + CERTS_PATH));
  }

  /**
   * Trusts the realm of a tenant, fetching its keys from another address than the issuer's (when Pacte reaches
   * Keycloak by an internal name while tokens carry the public one).
   */
  public TokenVerifier trustTenant(String tenantSlug, String issuer, URI jwksUri) {
    Objects.requireNonNull(tenantSlug, "tenantSlug");
    return trust(issuer, tenantSlug, jwksUri);
  }

  /** Trusts the platform realm: its tokens verify with a null tenant. */
  public TokenVerifier trustPlatform(String issuer) {
    return trustPlatform(issuer, URI.create(issuer + CERTS_PATH));
  }

  public TokenVerifier trustPlatform(String issuer, URI jwksUri) {
    return trust(issuer, null, jwksUri);
  }

  private TokenVerifier trust(String issuer, String tenantSlug, URI jwksUri) {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(jwksUri, "jwksUri");
    issuers.compute(issuer, (key, existing) ->
        existing != null && Objects.equals(existing.tenantSlug, tenantSlug) && existing.jwksUri.equals(jwksUri)
            ? existing : new TrustedIssuer(tenantSlug, jwksUri));
    return this;
  }

  /** Stops trusting an issuer (and drops its cached keys). */
  public void forget(String issuer) {
    issuers.remove(issuer);
  }

  /** Stops trusting every issuer of this tenant. */
  public void forgetTenant(String tenantSlug) {
    issuers.values().removeIf(trusted -> tenantSlug.equals(trusted.tenantSlug));
  }

  /** The issuers trusted now, with their tenant (null for the platform). */
  public Map<String, String> trustedIssuers() {
    Map<String, String> copy = new HashMap<>();
    issuers.forEach((issuer, trusted) -> copy.put(issuer, trusted.tenantSlug));
    return copy;
  }

  /** How many JWKS fetches were started since creation (for tests and metrics). */
  public long keyFetches() {
    return keyFetches.get();
  }

  // ---------------------------------------------------------------------------------------------------- verify

  /** Verifies a token of any trusted realm; the result tells which tenant (or the platform). */
  public Future<VerifiedToken> verify(String token) {
    return verify(token, Expected.ANY, null);
  }

  /** Verifies a token that must come from this tenant's realm, e.g. the tenant of the request's URL. */
  public Future<VerifiedToken> verify(String token, String expectedTenant) {
    return verify(token, Expected.TENANT, Objects.requireNonNull(expectedTenant, "expectedTenant"));
  }

  /** Verifies a token that must come from the platform realm. */
  public Future<VerifiedToken> verifyPlatform(String token) {
    return verify(token, Expected.PLATFORM, null);
  }

  private enum Expected { ANY, TENANT, PLATFORM }

  private Future<VerifiedToken> verify(String token, Expected expected, String expectedTenant) {
    Jws jws;
    TrustedIssuer trusted;
    try {
      jws = Jws.parse(token);
      trusted = issuers.get(jws.issuer);
      if (trusted == null) {
        throw new TokenRefused(Reason.UNKNOWN_ISSUER, "issuer not trusted: " + abbreviate(jws.issuer));
      }
    } catch (TokenRefused refused) {
      return Future.failedFuture(refused);
    }
    RSAPublicKey key = trusted.keys.get(jws.kid);
    if (key != null) {
      try {
        return Future.succeededFuture(check(jws, key, trusted, expected, expectedTenant));
      } catch (TokenRefused refused) {
        return Future.failedFuture(refused);
      }
    }
    Instant now = clock.instant();
    CompletableFuture<Map<String, RSAPublicKey>> fetch = trusted.refreshIfAllowed(now);
    if (fetch == null) {
      return Future.failedFuture(new TokenRefused(Reason.UNKNOWN_KEY,
          "no key " + abbreviate(jws.kid) + " in the keys of " + jws.issuer));
    }
    Context context = Vertx.currentContext();
    Promise<VerifiedToken> promise = Promise.promise();
    fetch.whenComplete((keys, error) -> {
      VerifiedToken result = null;
      Throwable failure = null;
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        failure = new TokenRefused(Reason.KEYS_UNAVAILABLE, "cannot fetch the keys of " + jws.issuer + ": " + cause,
            cause);
      } else {
        RSAPublicKey fetched = keys.get(jws.kid);
        if (fetched == null) {
          failure = new TokenRefused(Reason.UNKNOWN_KEY, "no key " + abbreviate(jws.kid) + " in the keys of "
              + jws.issuer);
        } else {
          try {
            result = check(jws, fetched, trusted, expected, expectedTenant);
          } catch (TokenRefused refused) {
            failure = refused;
          }
        }
      }
      VerifiedToken value = result;
      Throwable cause = failure;
      Runnable complete = () -> {
        if (cause == null) {
          promise.complete(value);
        } else {
          promise.fail(cause);
        }
      };
      if (context != null) {
        context.runOnContext(ignored -> complete.run());
      } else {
        complete.run();
      }
    });
    return promise.future();
  }

  private VerifiedToken check(Jws jws, RSAPublicKey key, TrustedIssuer trusted, Expected expected,
                              String expectedTenant) {
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(key);
      verifier.update(jws.signingInput);
      if (jws.signature.length != (key.getModulus().bitLength() + 7) / 8 || !verifier.verify(jws.signature)) {
        throw new TokenRefused(Reason.BAD_SIGNATURE, "signature does not verify with key " + abbreviate(jws.kid));
      }
    } catch (GeneralSecurityException e) {
      throw new TokenRefused(Reason.BAD_SIGNATURE, "signature does not verify: " + e.getMessage(), e);
    }
    JsonObject claims = jws.claims;
    Instant now = clock.instant();
    long exp = numericDate(claims, "exp", true);
    if (now.isAfter(Instant.ofEpochSecond(exp).plus(leeway))) {
      throw new TokenRefused(Reason.EXPIRED, "expired at " + Instant.ofEpochSecond(exp));
    }
    long nbf = numericDate(claims, "nbf", false);
    if (nbf > 0 && now.plus(leeway).isBefore(Instant.ofEpochSecond(nbf))) {
      throw new TokenRefused(Reason.NOT_YET_VALID, "not valid before " + Instant.ofEpochSecond(nbf));
    }
    Object typ = claims.getValue("typ");
    if (!(typ instanceof String type) || !type.equalsIgnoreCase("Bearer")) {
      throw new TokenRefused(Reason.NOT_AN_ACCESS_TOKEN, "typ is " + typ);
    }
    String azp = string(claims, "azp");
    if (!strings(claims, "aud").contains(audience) && !audience.equals(azp)) {
      throw new TokenRefused(Reason.WRONG_AUDIENCE, "audience " + claims.getValue("aud") + ", azp " + azp);
    }
    String tenant = trusted.tenantSlug;
    if (expected == Expected.TENANT && !expectedTenant.equals(tenant)) {
      throw new TokenRefused(Reason.WRONG_TENANT, "token of " + (tenant == null ? "the platform" : "tenant " + tenant)
          + ", expected tenant " + expectedTenant);
    }
    if (expected == Expected.PLATFORM && tenant != null) {
      throw new TokenRefused(Reason.WRONG_TENANT, "token of tenant " + tenant + ", expected the platform");
    }
    String subject = string(claims, "sub");
    if (subject == null) {
      throw new TokenRefused(Reason.MALFORMED, "no sub");
    }
    List<String> roleNames = strings(claims, RealmProvisioner.ROLES_CLAIM);
    if (!claims.containsKey(RealmProvisioner.ROLES_CLAIM) && claims.getValue("realm_access") instanceof JsonObject realm) {
      roleNames = strings(realm, "roles");
    }
    boolean platform = tenant == null;
    Set<Role> roles = new LinkedHashSet<>();
    for (String name : roleNames) {
      // A tenant's administrator can create any role name in their realm: only the roles of the realm's kind count.
      Role.fromCode(name).filter(role -> role.isPlatformRole() == platform).ifPresent(roles::add);
    }
    List<String> territories = strings(claims, RealmProvisioner.TERRITORIES_ATTRIBUTE);
    return new VerifiedToken(tenant, jws.issuer, subject, string(claims, "preferred_username"), azp, roles,
        territories, string(claims, RealmProvisioner.ORGANISATION_ATTRIBUTE), Instant.ofEpochSecond(exp));
  }

  // ------------------------------------------------------------------------------------------------ JWS parsing

  /** A compact JWS, decoded but not yet trusted. */
  private static final class Jws {
    final String kid;
    final String issuer;
    final JsonObject claims;
    final byte[] signingInput;
    final byte[] signature;

    private Jws(String kid, String issuer, JsonObject claims, byte[] signingInput, byte[] signature) {
      this.kid = kid;
      this.issuer = issuer;
      this.claims = claims;
      this.signingInput = signingInput;
      this.signature = signature;
    }

    static Jws parse(String token) {
      if (token == null || token.isEmpty()) {
        throw new TokenRefused(Reason.MALFORMED, "no token");
      }
      if (token.length() > MAX_TOKEN_LENGTH) {
        throw new TokenRefused(Reason.MALFORMED, "token longer than " + MAX_TOKEN_LENGTH + " characters");
      }
      String[] parts = token.split("\\.", -1);
      if (parts.length != 3) {
        throw new TokenRefused(Reason.MALFORMED, parts.length == 5 ? "encrypted tokens (JWE) are not accepted"
            : "not a compact JWS");
      }
      JsonObject header = json(parts[0], "header");
      Object alg = header.getValue("alg");
      if (!"RS256".equals(alg)) {
        throw new TokenRefused(Reason.UNSUPPORTED_ALGORITHM, "alg " + alg + " (only RS256 is accepted)");
      }
      if (header.containsKey("crit")) {
        throw new TokenRefused(Reason.MALFORMED, "critical header parameters are not supported");
      }
      String kid = header.getValue("kid") instanceof String value ? value : null;
      if (kid == null || kid.isEmpty()) {
        throw new TokenRefused(Reason.MALFORMED, "no kid in the header");
      }
      JsonObject claims = json(parts[1], "payload");
      String issuer = claims.getValue("iss") instanceof String value ? value : null;
      if (issuer == null) {
        throw new TokenRefused(Reason.MALFORMED, "no iss");
      }
      byte[] signature = base64Url(parts[2], "signature");
      if (signature.length == 0) {
        throw new TokenRefused(Reason.BAD_SIGNATURE, "no signature");
      }
      byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
      return new Jws(kid, issuer, claims, signingInput, signature);
    }

    private static JsonObject json(String part, String what) {
      byte[] bytes = base64Url(part, what);
      try {
        return new JsonObject(new String(bytes, StandardCharsets.UTF_8));
      } catch (DecodeException | ClassCastException e) {
        throw new TokenRefused(Reason.MALFORMED, what + " is not a JSON object");
      }
    }

    private static byte[] base64Url(String part, String what) {
      if (part.indexOf('=') >= 0) {
        throw new TokenRefused(Reason.MALFORMED, what + " is padded");
      }
      try {
        return Base64.getUrlDecoder().decode(part);
      } catch (IllegalArgumentException e) {
        throw new TokenRefused(Reason.MALFORMED, what + " is not base64url");
      }
    }
  }

  private static long numericDate(JsonObject claims, String name, boolean required) {
    Object value = claims.getValue(name);
    if (value == null) {
      if (required) {
        throw new TokenRefused(Reason.MALFORMED, "no " + name);
      }
      return 0;
    }
    if (!(value instanceof Number number)) {
      throw new TokenRefused(Reason.MALFORMED, name + " is not a number");
    }
    return number.longValue();
  }

  private static String string(JsonObject claims, String name) {
    return claims.getValue(name) instanceof String value ? value : null;
  }

  /** A claim that may be one string or an array of strings. */
  private static List<String> strings(JsonObject claims, String name) {
    Object value = claims.getValue(name);
    List<String> result = new ArrayList<>();
    if (value instanceof String single) {
      result.add(single);
    } else if (value instanceof JsonArray array) {
      for (Object item : array) {
        if (item instanceof String text) {
          result.add(text);
        }
      }
    }
    return result;
  }

  private static String abbreviate(String value) {
    return value.length() > 120 ? value.substring(0, 120) + "…" : value;
  }

  // ------------------------------------------------------------------------------------------------------ keys

  /** A trusted realm and its cached keys. */
  private final class TrustedIssuer {
    final String tenantSlug;
    final URI jwksUri;
    volatile Map<String, RSAPublicKey> keys = Map.of();
    private Instant nextFetchAllowed = Instant.MIN;
    private CompletableFuture<Map<String, RSAPublicKey>> inFlight;

    TrustedIssuer(String tenantSlug, URI jwksUri) {
      this.tenantSlug = tenantSlug;
      this.jwksUri = jwksUri;
    }

    /** The running or a new fetch, or null if the last one is too recent. */
    synchronized CompletableFuture<Map<String, RSAPublicKey>> refreshIfAllowed(Instant now) {
      if (inFlight != null) {
        return inFlight;
      }
      if (now.isBefore(nextFetchAllowed)) {
        return null;
      }
      keyFetches.incrementAndGet();
      CompletableFuture<Map<String, RSAPublicKey>> fetch;
      try {
        HttpRequest request = HttpRequest.newBuilder(jwksUri).timeout(fetchTimeout)
            .header("Accept", "application/json").GET().build();
        fetch = http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(this::parseKeys);
      } catch (RuntimeException e) {
        fetch = CompletableFuture.failedFuture(e);
      }
      inFlight = fetch;
      fetch.whenComplete((keys, error) -> {
        synchronized (TrustedIssuer.this) {
          inFlight = null;
          if (error == null) {
            this.keys = keys;
            nextFetchAllowed = clock.instant().plus(KEY_REFRESH_INTERVAL);
          } else {
            LOG.warn("Cannot fetch the signing keys at {}: {}", jwksUri, error.toString());
            nextFetchAllowed = clock.instant().plus(FAILED_FETCH_RETRY);
          }
        }
      });
      return fetch;
    }

    private Map<String, RSAPublicKey> parseKeys(HttpResponse<String> response) {
      if (response.statusCode() != 200) {
        throw new IllegalStateException("HTTP " + response.statusCode() + " from " + jwksUri);
      }
      JsonArray keys = new JsonObject(response.body()).getJsonArray("keys");
      if (keys == null) {
        throw new IllegalStateException("no keys at " + jwksUri);
      }
      Map<String, RSAPublicKey> result = new HashMap<>();
      for (Object item : keys) {
        if (!(item instanceof JsonObject jwk)) {
          continue;
        }
        String kid = jwk.getString("kid");
        String use = jwk.getString("use");
        String alg = jwk.getString("alg");
        if (kid == null || !"RSA".equals(jwk.getString("kty")) || (use != null && !use.equals("sig"))
            || (alg != null && !alg.equals("RS256"))) {
          continue;
        }
        try {
          BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("n")));
          BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("e")));
          if (modulus.bitLength() < MIN_RSA_BITS) {
            continue;
          }
          result.put(kid, (RSAPublicKey) KeyFactory.getInstance("RSA")
              .generatePublic(new RSAPublicKeySpec(modulus, exponent)));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
          LOG.warn("Ignoring unreadable key {} at {}: {}", kid, jwksUri, e.toString());
        }
      }
      return Map.copyOf(result);
    }
  }
}

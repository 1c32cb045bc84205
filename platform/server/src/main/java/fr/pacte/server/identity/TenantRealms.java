package fr.pacte.server.identity;

import fr.pacte.server.config.PacteConfig;
import fr.pacte.server.identity.keycloak.KeycloakRealms;
import fr.pacte.server.identity.keycloak.TokenVerifier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Optional;

/**
 * The identity side of tenants coming and going: with Keycloak, each tenant has a realm, provisioned when the tenant
 * is created, disabled when it is deactivated, trusted while it is active; with the built-in provider, nothing to do.
 * Tenancy calls it; it never calls tenancy.
 */
public final class TenantRealms implements AutoCloseable {

  private final Vertx vertx;
  private final Optional<KeycloakRealms> keycloak;
  private final Optional<TokenVerifier> tokens;

  private TenantRealms(Vertx vertx, Optional<KeycloakRealms> keycloak, Optional<TokenVerifier> tokens) {
    this.vertx = vertx;
    this.keycloak = keycloak;
    this.tokens = tokens;
  }

  /** Keycloak realms if configured (the platform realm provisioned now, blocking), else none. */
  public static TenantRealms of(Vertx vertx, PacteConfig config) {
    if (config.keycloak().isEmpty()) {
      return new TenantRealms(vertx, Optional.empty(), Optional.empty());
    }
    // Keycloak redirects browsers back to Pacte, so its public address must be known before listening.
    if (config.publicUrl() == null && config.httpPort() == 0) {
      throw new IllegalStateException("With Keycloak, set PACTE_PUBLIC_URL or a fixed PACTE_HTTP_PORT: "
          + "Keycloak must know where to send browsers back.");
    }
    TokenVerifier verifier = TokenVerifier.create();
    KeycloakRealms realms = new KeycloakRealms(vertx, config.keycloak().get(), config.webBaseUrl(config.httpPort()),
        verifier);
    realms.provisionPlatform();
    return new TenantRealms(vertx, Optional.of(realms), Optional.of(verifier));
  }

  public Optional<KeycloakRealms> keycloak() {
    return keycloak;
  }

  /** Verifies bearer tokens; empty with the built-in provider, which accepts none. */
  public Optional<TokenVerifier> tokens() {
    return tokens;
  }

  /** A tenant created live gets its realm at once; the answer carries its first administrator's temporary password. */
  public Future<JsonObject> created(String slug, String displayName) {
    if (keycloak.isEmpty()) {
      return Future.succeededFuture(new JsonObject());
    }
    return keycloak.get().provisionTenantAsync(slug, displayName)
        .map(provisioned -> provisioned.firstUser().map(first -> new JsonObject().put("firstAdministrator",
            new JsonObject().put("username", first.username()).put("temporaryPassword", first.temporaryPassword())))
            .orElseGet(JsonObject::new));
  }

  /** A deactivated tenant's realm is disabled (no login, no new token) and its tokens no longer trusted. */
  public Future<Void> statusChanged(String slug, String displayName, boolean active) {
    if (keycloak.isEmpty()) {
      return Future.succeededFuture();
    }
    KeycloakRealms realms = keycloak.get();
    return vertx.executeBlocking(() -> {
      if (active) {
        realms.provisionTenant(slug, displayName);
      } else {
        realms.deactivate(slug);
      }
      return null;
    }, false).mapEmpty();
  }

  /** Provisions the realms of tenants (idempotent), off the event loop. */
  public Future<Void> provision(TenantDirectory tenants) {
    if (keycloak.isEmpty()) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      tenants.slugs().forEach(slug -> keycloak.get().provisionTenant(slug, tenants.displayName(slug).orElse(slug)));
      return null;
    }, false).mapEmpty();
  }

  /** Trusts the tokens of exactly these tenants (the active ones, after a change on any node). */
  public void trustOnly(Collection<String> slugs) {
    keycloak.ifPresent(realms -> realms.trustOnly(slugs));
  }

  @Override
  public void close() {
    keycloak.ifPresent(KeycloakRealms::close);
  }
}

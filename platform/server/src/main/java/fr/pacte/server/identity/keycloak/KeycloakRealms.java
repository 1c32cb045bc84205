package fr.pacte.server.identity.keycloak;

import fr.pacte.server.config.PacteConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Keycloak side of Pacte's tenants on this node: provisions the platform realm and one realm per tenant, trusts
 * their issuers in the {@link TokenVerifier}, and keeps the web client's secret of each realm for the code exchange.
 * Provisioning is idempotent, so every node may do it at start-up and whenever it meets a tenant it has not seen.
 */
public final class KeycloakRealms implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KeycloakRealms.class);
  private static final String PLATFORM = "";

  private final Vertx vertx;
  private final PacteConfig.Keycloak server;
  private final String webBaseUrl;
  private final TokenVerifier verifier;
  private final RealmProvisioner provisioner;
  /** Web client secret per tenant slug ({@code ""} for the platform realm). */
  private final Map<String, String> webSecrets = new ConcurrentHashMap<>();

  public KeycloakRealms(Vertx vertx, PacteConfig.Keycloak server, String webBaseUrl, TokenVerifier verifier) {
    this.vertx = vertx;
    this.server = server;
    this.webBaseUrl = webBaseUrl;
    this.verifier = verifier;
    this.provisioner = new RealmProvisioner(server.url(), server.adminUser(), server.adminPassword());
  }

  /**
   * Provisions a tenant's realm (blocking) and trusts it. A first administrator {@code admin} is created with a
   * temporary password the first time only; it is returned so that whoever created the tenant can hand it over.
   */
  public RealmProvisioner.Provisioned provisionTenant(String slug, String displayName) {
    RealmProvisioner.Provisioned provisioned = provisioner.provisionTenant(new RealmProvisioner.TenantRealm(slug,
        displayName, webBaseUrl, RealmProvisioner.FirstUser.named("admin")));
    webSecrets.put(slug, provisioned.webClientSecret());
    trustTenant(slug);
    provisioned.firstUser().ifPresent(first -> LOG.warn("Keycloak realm {}: first administrator '{}' created with a "
        + "temporary password, to change at first login: {}", provisioned.realm(), first.username(), first.temporaryPassword()));
    return provisioned;
  }

  /** Provisions the platform realm (blocking), with a first operator {@code operateur} the first time. */
  public void provisionPlatform() {
    RealmProvisioner.Provisioned provisioned = provisioner.provisionPlatformRealm(webBaseUrl,
        RealmProvisioner.FirstUser.named("operateur"));
    webSecrets.put(PLATFORM, provisioned.webClientSecret());
    verifier.trustPlatform(RealmProvisioner.issuer(server.publicUrl(), RealmProvisioner.PLATFORM_REALM),
        jwks(RealmProvisioner.PLATFORM_REALM));
    provisioned.firstUser().ifPresent(first -> LOG.warn("Keycloak realm {}: first operator '{}' created with a "
        + "temporary password, to change at first login: {}", provisioned.realm(), first.username(), first.temporaryPassword()));
  }

  /** Same, off the event loop. */
  public Future<RealmProvisioner.Provisioned> provisionTenantAsync(String slug, String displayName) {
    return vertx.executeBlocking(() -> provisionTenant(slug, displayName), false);
  }

  /** Trusts the issuer of a tenant known from another node (cheap: keys are fetched when first needed). */
  public void trustTenant(String slug) {
    String realm = RealmProvisioner.realmName(slug);
    verifier.trustTenant(slug, RealmProvisioner.issuer(server.publicUrl(), realm), jwks(realm));
  }

  /** Trusts the tokens of these tenants' realms and of no other tenant (e.g. after a deactivation on another node). */
  public void trustOnly(java.util.Collection<String> slugs) {
    verifier.trustedIssuers().values().stream().filter(java.util.Objects::nonNull).distinct()
        .filter(slug -> !slugs.contains(slug)).toList().forEach(this::forget);
    slugs.forEach(this::trustTenant);
  }

  /** Disables a tenant's realm (blocking) and stops trusting its tokens at once. */
  public void deactivate(String slug) {
    forget(slug);
    provisioner.deactivate(slug);
  }

  private void forget(String slug) {
    verifier.forgetTenant(slug);
    webSecrets.remove(slug);
  }

  /** The web client's secret of a tenant's realm (null: the platform's), provisioning the realm if this node has not. */
  public Future<String> webSecret(String tenant, String displayName) {
    String secret = webSecrets.get(tenant == null ? PLATFORM : tenant);
    if (secret != null) {
      return Future.succeededFuture(secret);
    }
    return tenant == null
        ? vertx.executeBlocking(() -> {
          provisionPlatform();
          return webSecrets.get(PLATFORM);
        }, false)
        : provisionTenantAsync(tenant, displayName).map(RealmProvisioner.Provisioned::webClientSecret);
  }

  /** Where browsers go for a realm's endpoints, e.g. {@code https://auth.example/realms/pacte-somme}. */
  public String publicRealmUrl(String tenant) {
    return strip(server.publicUrl()) + "/realms/" + realm(tenant);
  }

  /** Where Pacte itself reaches a realm's endpoints (token exchange). */
  public String internalRealmUrl(String tenant) {
    return strip(server.url()) + "/realms/" + realm(tenant);
  }

  public RealmProvisioner provisioner() {
    return provisioner;
  }

  public static String realm(String tenant) {
    return tenant == null ? RealmProvisioner.PLATFORM_REALM : RealmProvisioner.realmName(tenant);
  }

  private URI jwks(String realm) {
    return URI.create(strip(server.url()) + "/realms/" + realm + "/protocol/openid-connect/certs");
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public void close() {
    provisioner.close();
  }
}

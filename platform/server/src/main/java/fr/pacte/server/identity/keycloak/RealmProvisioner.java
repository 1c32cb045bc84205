package fr.pacte.server.identity.keycloak;

import fr.pacte.api.Role;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions Keycloak for Pacte through the Admin REST API (keycloak-admin-client): one realm per tenant,
 * {@code pacte-<slug>}, and a platform realm, {@code pacte-platform}.
 *
 * <p>Each realm gets:
 * <ul>
 *   <li>its settings: enabled, display name, French as the only and default locale, brute-force protection;</li>
 *   <li>its realm roles: the codes of {@link Role#tenantRoles()} (tenant realm) or {@link Role#platformRoles()}
 *       (platform realm), described by their French labels;</li>
 *   <li>the user-profile attributes that carry scopes, {@value #TERRITORIES_ATTRIBUTE} (multi-valued) and
 *       {@value #ORGANISATION_ATTRIBUTE}: visible to the user, editable by administrators only (Keycloak 24+ drops
 *       attributes its user profile does not declare);</li>
 *   <li>two confidential clients: {@value #WEB_CLIENT} (authorization code flow only, PKCE S256 required, redirects
 *       and post-logout redirects limited to the tenant's pages) and {@value #API_CLIENT} (service accounts only);</li>
 *   <li>on both clients, protocol mappers putting into access tokens a flat {@value #ROLES_CLAIM} claim (realm
 *       roles), {@value #TERRITORIES_ATTRIBUTE}, {@value #ORGANISATION_ATTRIBUTE} and {@code aud} = {@value #API_CLIENT}
 *       (what {@link TokenVerifier} checks);</li>
 *   <li>a first administrator (tenant administrator, or platform operator) who must choose a password at first login:
 *       the temporary password is returned once, to the caller, and never stored by Pacte.</li>
 * </ul>
 *
 * <p><b>Idempotent.</b> Provisioning again converges to the above without failing: missing parts are created, Pacte's
 * own settings, clients, roles and mappers are set back to what Pacte needs, and nothing else is touched (users, their
 * passwords, client secrets, token lifespans, themes, password policy and anything an administrator changed). The
 * first user is only created if no user has that username; an existing one is left as it is. Provisioning also
 * re-enables a realm that {@link #deactivate(String)} disabled: at start-up, provision only active tenants.
 *
 * <p><b>Blocking.</b> Every method makes HTTP calls and blocks: call it at start-up or inside
 * {@code vertx.executeBlocking(...)}, never on an event loop. One instance may be shared by threads (the admin client
 * is thread-safe and refreshes its own admin token); {@link #close()} it at shutdown.
 */
public final class RealmProvisioner implements AutoCloseable {

  public static final String REALM_PREFIX = "pacte-";
  public static final String PLATFORM_REALM = "pacte-platform";
  public static final String WEB_CLIENT = "pacte-web";
  public static final String API_CLIENT = "pacte-api";
  public static final String TERRITORIES_ATTRIBUTE = "pacte_territories";
  public static final String ORGANISATION_ATTRIBUTE = "pacte_organisation";
  public static final String ROLES_CLAIM = "roles";
  /** Where the platform operators' pages live, below the web base URL (redirect URIs of the platform realm). */
  public static final String PLATFORM_PATH = "/";

  /** A tenant slug, as the tenant routes accept it in {@code /t/<slug>/}. */
  private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{1,39}");
  private static final String PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final int PASSWORD_LENGTH = 20;
  private static final Logger LOG = LoggerFactory.getLogger(RealmProvisioner.class);

  private final Keycloak keycloak;
  private final SecureRandom random = new SecureRandom();

  /**
   * Connects as an administrator of the {@code master} realm with a password (the {@code admin-cli} client), e.g. the
   * bootstrap administrator of a new server.
   *
   * @param serverUrl     Keycloak's base URL as this process reaches it, e.g. {@code http://127.0.0.1:8080}
   * @param adminUsername an administrator of the master realm
   * @param adminPassword its password
   */
  public RealmProvisioner(String serverUrl, String adminUsername, String adminPassword) {
    this(KeycloakBuilder.builder().serverUrl(stripSlash(serverUrl)).realm("master").clientId("admin-cli")
        .grantType("password").username(adminUsername).password(adminPassword).build());
  }

  /**
   * Uses an admin client built by the caller, e.g. a confidential client of the master realm with the
   * {@code admin} role and client credentials (better than a password in production).
   */
  public RealmProvisioner(Keycloak keycloak) {
    this.keycloak = Objects.requireNonNull(keycloak, "keycloak");
  }

  /** The realm of a tenant: {@code pacte-<slug>}. */
  public static String realmName(String tenantSlug) {
    requireSlug(tenantSlug);
    return REALM_PREFIX + tenantSlug;
  }

  /** The issuer ({@code iss}) of the tokens of a realm, given Keycloak's public URL (its {@code hostname}). */
  public static String issuer(String keycloakPublicUrl, String realm) {
    return stripSlash(keycloakPublicUrl) + "/realms/" + realm;
  }

  /** The admin API of a tenant's realm, for what this class does not cover (users page, tests). */
  public RealmResource tenantRealm(String tenantSlug) {
    return keycloak.realm(realmName(tenantSlug));
  }

  /** The admin client itself. */
  public Keycloak admin() {
    return keycloak;
  }

  /** Someone to create with the realm. Optional fields may be null; Keycloak asks for them at first login. */
  public record FirstUser(String username, String email, String firstName, String lastName) {
    public FirstUser {
      if (username == null || username.isBlank()) {
        throw new IllegalArgumentException("A first user needs a username");
      }
    }

    public static FirstUser named(String username) {
      return new FirstUser(username, null, null, null);
    }
  }

  /** A tenant's realm as Pacte wants it. */
  public record TenantRealm(String slug, String displayName, String webBaseUrl, FirstUser firstAdministrator) {
    public TenantRealm {
      requireSlug(slug);
      Objects.requireNonNull(displayName, "displayName");
      requireBaseUrl(webBaseUrl);
    }
  }

  /** The temporary password of a user created by this provisioning, to hand over once. */
  public record InitialCredentials(String username, String temporaryPassword) {
    @Override
    public String toString() {
      return "InitialCredentials[username=" + username + ", temporaryPassword=***]";
    }
  }

  /**
   * What a provisioning did.
   *
   * @param realm            the realm name
   * @param tenantSlug       the tenant, or null for the platform realm
   * @param realmCreated     true if the realm did not exist before
   * @param webClientSecret  secret of {@value #WEB_CLIENT} (for the code exchange); unchanged by re-provisioning
   * @param apiClientSecret  secret of {@value #API_CLIENT}; unchanged by re-provisioning
   * @param firstUser        present only if the first user was created now
   */
  public record Provisioned(String realm, String tenantSlug, boolean realmCreated, String webClientSecret,
                            String apiClientSecret, Optional<InitialCredentials> firstUser) {
    @Override
    public String toString() {
      return "Provisioned[realm=" + realm + ", realmCreated=" + realmCreated + ", firstUser=" + firstUser + "]";
    }
  }

  /** Creates or updates the realm {@code pacte-<slug>} of a tenant. */
  public Provisioned provisionTenant(TenantRealm tenant) {
    String path = "/t/" + tenant.slug() + "/";
    return provision(realmName(tenant.slug()), tenant.slug(), tenant.displayName(),
        stripSlash(tenant.webBaseUrl()), path, Role.tenantRoles(), tenant.firstAdministrator(),
        Role.TENANT_ADMINISTRATOR);
  }

  /**
   * Creates or updates the platform realm {@value #PLATFORM_REALM}, with the role {@code platform-operator}; its web
   * client redirects to {@code <webBaseUrl>}{@value #PLATFORM_PATH}.
   *
   * @param firstOperator the first platform operator, or null for none
   */
  public Provisioned provisionPlatformRealm(String webBaseUrl, FirstUser firstOperator) {
    requireBaseUrl(webBaseUrl);
    return provision(PLATFORM_REALM, null, "Pacte — plateforme", stripSlash(webBaseUrl), PLATFORM_PATH,
        Role.platformRoles(), firstOperator, Role.PLATFORM_OPERATOR);
  }

  /**
   * Disables the realm of a tenant: its users can no longer log in and its token endpoint refuses every grant.
   * Access tokens already issued stay cryptographically valid until they expire: stop trusting the issuer in
   * {@link TokenVerifier} at the same time.
   *
   * @return false if the realm does not exist
   */
  public boolean deactivate(String tenantSlug) {
    RealmResource realm = tenantRealm(tenantSlug);
    RealmRepresentation representation;
    try {
      representation = realm.toRepresentation();
    } catch (NotFoundException e) {
      return false;
    }
    if (Boolean.FALSE.equals(representation.isEnabled())) {
      return true;
    }
    representation.setEnabled(false);
    call("disable realm " + realmName(tenantSlug), () -> realm.update(representation));
    LOG.info("Keycloak realm {} disabled", realmName(tenantSlug));
    return true;
  }

  /** Whether the realm of a tenant exists and is enabled. */
  public boolean isActive(String tenantSlug) {
    try {
      return Boolean.TRUE.equals(tenantRealm(tenantSlug).toRepresentation().isEnabled());
    } catch (NotFoundException e) {
      return false;
    }
  }

  @Override
  public void close() {
    keycloak.close();
  }

  // ---------------------------------------------------------------------------------------------------------------

  private Provisioned provision(String realmName, String tenantSlug, String displayName, String webBaseUrl,
                                String pagesPath, List<Role> roles, FirstUser firstUser, Role firstUserRole) {
    boolean created = ensureRealm(realmName, displayName);
    RealmResource realm = keycloak.realm(realmName);
    ensureRoles(realm, roles);
    ensureUserProfile(realm);
    String apiSecret = ensureClient(realm, apiClient());
    String webSecret = ensureClient(realm, webClient(webBaseUrl, pagesPath));
    Optional<InitialCredentials> credentials = firstUser == null ? Optional.empty()
        : ensureFirstUser(realm, firstUser, firstUserRole);
    LOG.info("Keycloak realm {} {}", realmName, created ? "created" : "updated");
    return new Provisioned(realmName, tenantSlug, created, webSecret, apiSecret, credentials);
  }

  /** Returns true if the realm was created. */
  private boolean ensureRealm(String realmName, String displayName) {
    RealmResource realm = keycloak.realm(realmName);
    RealmRepresentation existing = null;
    try {
      existing = realm.toRepresentation();
    } catch (NotFoundException e) {
      // created below
    }
    if (existing == null) {
      RealmRepresentation representation = new RealmRepresentation();
      representation.setRealm(realmName);
      applyRealmSettings(representation, displayName);
      // Set at creation only: an administrator may tighten it later.
      representation.setPasswordPolicy("length(12) and notUsername and notEmail");
      try {
        keycloak.realms().create(representation);
        return true;
      } catch (ClientErrorException e) {
        if (e.getResponse().getStatus() != 409) {
          throw failure("create realm " + realmName, e);
        }
        // Another node created it meanwhile: update it like an existing one.
        existing = realm.toRepresentation();
      }
    }
    RealmRepresentation representation = existing;
    applyRealmSettings(representation, displayName);
    call("update realm " + realmName, () -> realm.update(representation));
    return false;
  }

  private static void applyRealmSettings(RealmRepresentation realm, String displayName) {
    realm.setEnabled(true);
    realm.setDisplayName(displayName);
    realm.setInternationalizationEnabled(true);
    realm.setSupportedLocales(Set.of("fr"));
    realm.setDefaultLocale("fr");
    realm.setBruteForceProtected(true);
    realm.setPermanentLockout(false);
    realm.setFailureFactor(10);
    realm.setWaitIncrementSeconds(60);
    realm.setMaxFailureWaitSeconds(900);
    realm.setRegistrationAllowed(false);
    realm.setSslRequired("external");
  }

  private static void ensureRoles(RealmResource realm, List<Role> roles) {
    for (Role role : roles) {
      try {
        RoleRepresentation existing = realm.roles().get(role.code()).toRepresentation();
        if (!role.label().equals(existing.getDescription())) {
          existing.setDescription(role.label());
          call("update role " + role.code(), () -> realm.roles().get(role.code()).update(existing));
        }
      } catch (NotFoundException e) {
        RoleRepresentation created = new RoleRepresentation(role.code(), role.label(), false);
        try {
          realm.roles().create(created);
        } catch (ClientErrorException conflict) {
          if (conflict.getResponse().getStatus() != 409) {
            throw failure("create role " + role.code(), conflict);
          }
        }
      }
    }
  }

  /** Declares the scope attributes in the realm's user profile; without it Keycloak drops them. */
  private static void ensureUserProfile(RealmResource realm) {
    UPConfig config = realm.users().userProfile().getConfiguration();
    boolean changed = false;
    changed |= ensureAttribute(config, TERRITORIES_ATTRIBUTE, "Territoires", true);
    changed |= ensureAttribute(config, ORGANISATION_ATTRIBUTE, "Organisation", false);
    if (changed) {
      call("update user profile", () -> realm.users().userProfile().update(config));
    }
  }

  private static boolean ensureAttribute(UPConfig config, String name, String displayName, boolean multivalued) {
    UPAttribute attribute = config.getAttribute(name);
    // The user sees their scope; only administrators change it.
    UPAttributePermissions permissions = new UPAttributePermissions(Set.of("admin", "user"), Set.of("admin"));
    if (attribute == null) {
      attribute = new UPAttribute(name, permissions);
      attribute.setDisplayName(displayName);
      attribute.setMultivalued(multivalued);
      attribute.addValidation("length", Map.of("max", 100));
      config.addOrReplaceAttribute(attribute);
      return true;
    }
    boolean changed = false;
    if (attribute.isMultivalued() != multivalued) {
      attribute.setMultivalued(multivalued);
      changed = true;
    }
    if (attribute.getPermissions() == null
        || !Set.of("admin").equals(attribute.getPermissions().getEdit() == null ? null
            : Set.copyOf(attribute.getPermissions().getEdit()))) {
      attribute.setPermissions(permissions);
      changed = true;
    }
    return changed;
  }

  private static ClientRepresentation apiClient() {
    ClientRepresentation client = confidentialClient(API_CLIENT, "Pacte (API)");
    client.setStandardFlowEnabled(false);
    client.setServiceAccountsEnabled(true);
    client.setRedirectUris(List.of());
    client.setWebOrigins(List.of());
    return client;
  }

  private static ClientRepresentation webClient(String webBaseUrl, String pagesPath) {
    ClientRepresentation client = confidentialClient(WEB_CLIENT, "Pacte (navigateur)");
    client.setStandardFlowEnabled(true);
    client.setServiceAccountsEnabled(false);
    client.setRootUrl(webBaseUrl);
    client.setBaseUrl(webBaseUrl + pagesPath);
    client.setRedirectUris(List.of(webBaseUrl + pagesPath + "*"));
    client.setWebOrigins(List.of());
    client.getAttributes().put("pkce.code.challenge.method", "S256");
    client.getAttributes().put("post.logout.redirect.uris", webBaseUrl + pagesPath + "*");
    return client;
  }

  private static ClientRepresentation confidentialClient(String clientId, String name) {
    ClientRepresentation client = new ClientRepresentation();
    client.setClientId(clientId);
    client.setName(name);
    client.setProtocol("openid-connect");
    client.setEnabled(true);
    client.setPublicClient(false);
    client.setBearerOnly(false);
    client.setClientAuthenticatorType("client-secret");
    client.setImplicitFlowEnabled(false);
    client.setDirectAccessGrantsEnabled(false);
    client.setConsentRequired(false);
    client.setFullScopeAllowed(true);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("oauth2.device.authorization.grant.enabled", "false");
    attributes.put("oidc.ciba.grant.enabled", "false");
    client.setAttributes(attributes);
    client.setProtocolMappers(mappers());
    return client;
  }

  /** The mappers both clients carry; TokenVerifier reads these claims. */
  static List<ProtocolMapperRepresentation> mappers() {
    List<ProtocolMapperRepresentation> mappers = new ArrayList<>();
    Map<String, String> roles = tokenClaim(ROLES_CLAIM, true, true);
    mappers.add(mapper("pacte-roles", "oidc-usermodel-realm-role-mapper", roles));
    Map<String, String> territories = tokenClaim(TERRITORIES_ATTRIBUTE, true, true);
    territories.put("user.attribute", TERRITORIES_ATTRIBUTE);
    mappers.add(mapper("pacte-territories", "oidc-usermodel-attribute-mapper", territories));
    Map<String, String> organisation = tokenClaim(ORGANISATION_ATTRIBUTE, false, true);
    organisation.put("user.attribute", ORGANISATION_ATTRIBUTE);
    mappers.add(mapper("pacte-organisation", "oidc-usermodel-attribute-mapper", organisation));
    Map<String, String> audience = new LinkedHashMap<>();
    audience.put("included.client.audience", API_CLIENT);
    audience.put("access.token.claim", "true");
    audience.put("id.token.claim", "false");
    audience.put("introspection.token.claim", "true");
    mappers.add(mapper("pacte-api-audience", "oidc-audience-mapper", audience));
    return mappers;
  }

  private static Map<String, String> tokenClaim(String claim, boolean multivalued, boolean idToken) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("claim.name", claim);
    config.put("jsonType.label", "String");
    config.put("multivalued", Boolean.toString(multivalued));
    config.put("access.token.claim", "true");
    config.put("id.token.claim", Boolean.toString(idToken));
    config.put("userinfo.token.claim", "true");
    config.put("introspection.token.claim", "true");
    return config;
  }

  private static ProtocolMapperRepresentation mapper(String name, String type, Map<String, String> config) {
    ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
    mapper.setName(name);
    mapper.setProtocol("openid-connect");
    mapper.setProtocolMapper(type);
    mapper.setConfig(config);
    return mapper;
  }

  /** Creates or updates a client and its mappers; returns its secret (never regenerated). */
  private static String ensureClient(RealmResource realm, ClientRepresentation wanted) {
    List<ProtocolMapperRepresentation> wantedMappers = wanted.getProtocolMappers();
    List<ClientRepresentation> found = realm.clients().findByClientId(wanted.getClientId());
    String id;
    if (found.isEmpty()) {
      try (Response response = realm.clients().create(wanted)) {
        if (response.getStatus() != 201) {
          throw new ProvisioningException("Keycloak refused to create client " + wanted.getClientId() + ": HTTP "
              + response.getStatus() + " " + response.readEntity(String.class));
        }
        id = CreatedResponseUtil.getCreatedId(response);
      }
    } else {
      ClientRepresentation existing = found.get(0);
      id = existing.getId();
      Map<String, String> attributes = existing.getAttributes() == null ? new LinkedHashMap<>()
          : new LinkedHashMap<>(existing.getAttributes());
      attributes.putAll(wanted.getAttributes());
      wanted.setId(id);
      wanted.setAttributes(attributes);
      wanted.setProtocolMappers(null); // handled one by one below
      wanted.setSecret(null);          // keep the secret
      ClientResource client = realm.clients().get(id);
      call("update client " + wanted.getClientId(), () -> client.update(wanted));
    }
    ClientResource client = realm.clients().get(id);
    ensureMappers(client, wantedMappers);
    return client.getSecret().getValue();
  }

  private static void ensureMappers(ClientResource client, List<ProtocolMapperRepresentation> wanted) {
    List<ProtocolMapperRepresentation> existing = client.getProtocolMappers().getMappers();
    for (ProtocolMapperRepresentation mapper : wanted) {
      Optional<ProtocolMapperRepresentation> same = existing.stream()
          .filter(candidate -> mapper.getName().equals(candidate.getName())).findFirst();
      if (same.isEmpty()) {
        try (Response response = client.getProtocolMappers().createMapper(mapper)) {
          if (response.getStatus() != 201 && response.getStatus() != 409) {
            throw new ProvisioningException("Keycloak refused mapper " + mapper.getName() + ": HTTP "
                + response.getStatus() + " " + response.readEntity(String.class));
          }
        }
      } else if (!mapper.getProtocolMapper().equals(same.get().getProtocolMapper())
          || !mapper.getConfig().equals(same.get().getConfig())) {
        mapper.setId(same.get().getId());
        call("update mapper " + mapper.getName(),
            () -> client.getProtocolMappers().update(same.get().getId(), mapper));
      }
    }
  }

  private Optional<InitialCredentials> ensureFirstUser(RealmResource realm, FirstUser user, Role role) {
    if (!realm.users().searchByUsername(user.username(), true).isEmpty()) {
      return Optional.empty();
    }
    UserRepresentation representation = new UserRepresentation();
    representation.setUsername(user.username());
    representation.setEmail(user.email());
    representation.setFirstName(user.firstName());
    representation.setLastName(user.lastName());
    representation.setEnabled(true);
    representation.setRequiredActions(List.of("UPDATE_PASSWORD"));
    String id;
    try (Response response = realm.users().create(representation)) {
      if (response.getStatus() == 409) {
        return Optional.empty(); // created meanwhile by another node
      }
      if (response.getStatus() != 201) {
        throw new ProvisioningException("Keycloak refused to create user " + user.username() + ": HTTP "
            + response.getStatus() + " " + response.readEntity(String.class));
      }
      id = CreatedResponseUtil.getCreatedId(response);
    }
    String password = setTemporaryPassword(realm, id);
    RoleRepresentation granted = realm.roles().get(role.code()).toRepresentation();
    call("grant " + role.code(), () -> realm.users().get(id).roles().realmLevel().add(List.of(granted)));
    return Optional.of(new InitialCredentials(user.username(), password));
  }

  /** Gives a user a new random password that they must change at their next login; returns it, to hand over once. */
  public String setTemporaryPassword(RealmResource realm, String userId) {
    String password = randomPassword();
    CredentialRepresentation credential = new CredentialRepresentation();
    credential.setType(CredentialRepresentation.PASSWORD);
    credential.setValue(password);
    credential.setTemporary(true);
    call("set a temporary password", () -> realm.users().get(userId).resetPassword(credential));
    return password;
  }

  private String randomPassword() {
    StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
    for (int i = 0; i < PASSWORD_LENGTH; i++) {
      password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
    }
    return password.toString();
  }

  private static void call(String what, Runnable action) {
    try {
      action.run();
    } catch (WebApplicationException e) {
      throw failure(what, e);
    }
  }

  private static ProvisioningException failure(String what, WebApplicationException e) {
    String body = "";
    try {
      body = e.getResponse().readEntity(String.class);
    } catch (RuntimeException ignored) {
      // no readable body
    }
    return new ProvisioningException("Keycloak refused to " + what + ": HTTP " + e.getResponse().getStatus()
        + (body == null || body.isBlank() ? "" : " " + body), e);
  }

  private static void requireSlug(String slug) {
    if (slug == null || !SLUG.matcher(slug).matches()) {
      throw new IllegalArgumentException("Not a tenant slug: " + slug);
    }
  }

  private static void requireBaseUrl(String url) {
    URI uri;
    try {
      uri = URI.create(Objects.requireNonNull(url, "webBaseUrl"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Not a URL: " + url, e);
    }
    if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
        || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))
        || uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException("The web base URL must be scheme://host[:port], got " + url);
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Keycloak refused a provisioning step. */
  public static final class ProvisioningException extends RuntimeException {
    public ProvisioningException(String message) {
      super(message);
    }

    public ProvisioningException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

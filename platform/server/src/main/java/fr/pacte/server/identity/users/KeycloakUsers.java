package fr.pacte.server.identity.users;

import fr.pacte.api.Role;
import fr.pacte.server.identity.Scope;
import fr.pacte.server.identity.keycloak.RealmProvisioner;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Users of a tenant's Keycloak realm, through the admin client: realm roles carry the roles, user attributes the
 * scope. Keycloak has no version number on users, so the version is a digest of what the Users page edits. Calls
 * are blocking and run off the event loop.
 */
public final class KeycloakUsers implements UserDirectory {

  private static final int PAGE = 500;
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final RealmProvisioner provisioner;

  public KeycloakUsers(Vertx vertx, RealmProvisioner provisioner) {
    this.vertx = vertx;
    this.provisioner = provisioner;
  }

  @Override
  public String kind() {
    return "keycloak";
  }

  @Override
  public Future<List<User>> list(String tenant) {
    return vertx.executeBlocking(() -> {
      RealmResource realm = provisioner.tenantRealm(tenant);
      List<User> users = new ArrayList<>();
      for (UserRepresentation representation : realm.users().list(0, PAGE)) {
        users.add(user(representation, roles(realm.users().get(representation.getId()))));
      }
      users.sort(java.util.Comparator.comparing(User::username));
      return users;
    }, false);
  }

  @Override
  public Future<Optional<User>> find(String tenant, String id) {
    return vertx.executeBlocking(() -> load(provisioner.tenantRealm(tenant), id), false);
  }

  @Override
  public Future<Created> create(String tenant, UserDraft draft) {
    return vertx.executeBlocking(() -> {
      RealmResource realm = provisioner.tenantRealm(tenant);
      UserRepresentation representation = new UserRepresentation();
      representation.setUsername(draft.username());
      representation.setEnabled(true);
      representation.setRequiredActions(List.of("UPDATE_PASSWORD"));
      apply(representation, draft);
      String id;
      try (Response response = realm.users().create(representation)) {
        if (response.getStatus() == 409) {
          throw BuiltinUsers.taken(draft.username());
        }
        if (response.getStatus() != 201) {
          throw new IllegalStateException("Keycloak refused to create " + draft.username() + ": HTTP " + response.getStatus());
        }
        id = CreatedResponseUtil.getCreatedId(response);
      }
      String password = temporaryPassword();
      CredentialRepresentation credential = new CredentialRepresentation();
      credential.setType(CredentialRepresentation.PASSWORD);
      credential.setValue(password);
      credential.setTemporary(true);
      UserResource user = realm.users().get(id);
      user.resetPassword(credential);
      setRoles(realm, user, draft.roles());
      return new Created(load(realm, id).orElseThrow(), null, password);
    }, false);
  }

  @Override
  public Future<User> update(String tenant, String id, String version, UserDraft draft) {
    return vertx.executeBlocking(() -> {
      RealmResource realm = provisioner.tenantRealm(tenant);
      User current = load(realm, id)
          .orElseThrow(() -> Problem.notFound("Aucun utilisateur « " + id + " » dans ce département."));
      if (!current.version().equals(version)) {
        throw BuiltinUsers.stale(current.username());
      }
      UserResource user = realm.users().get(id);
      UserRepresentation representation = user.toRepresentation();
      apply(representation, draft);
      representation.setEnabled(draft.active());
      user.update(representation);
      setRoles(realm, user, draft.roles());
      return load(realm, id).orElseThrow();
    }, false);
  }

  private static Optional<User> load(RealmResource realm, String id) {
    try {
      UserResource user = realm.users().get(id);
      return Optional.of(user(user.toRepresentation(), roles(user)));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private static Set<Role> roles(UserResource user) {
    Set<Role> roles = new LinkedHashSet<>();
    user.roles().realmLevel().listAll().forEach(role -> Role.fromCode(role.getName())
        .filter(found -> !found.isPlatformRole()).ifPresent(roles::add));
    return roles;
  }

  /** Grants the wanted Pacte roles and removes the others; roles outside Pacte's are left alone. */
  private static void setRoles(RealmResource realm, UserResource user, Set<Role> wanted) {
    Set<Role> held = roles(user);
    List<RoleRepresentation> add = new ArrayList<>();
    List<RoleRepresentation> remove = new ArrayList<>();
    for (Role role : Role.tenantRoles()) {
      if (wanted.contains(role) && !held.contains(role)) {
        add.add(realm.roles().get(role.code()).toRepresentation());
      } else if (!wanted.contains(role) && held.contains(role)) {
        remove.add(realm.roles().get(role.code()).toRepresentation());
      }
    }
    if (!add.isEmpty()) {
      user.roles().realmLevel().add(add);
    }
    if (!remove.isEmpty()) {
      user.roles().realmLevel().remove(remove);
    }
  }

  private static void apply(UserRepresentation representation, UserDraft draft) {
    String name = draft.displayName().trim();
    int space = name.indexOf(' ');
    representation.setFirstName(space < 0 ? name : name.substring(0, space));
    representation.setLastName(space < 0 ? name : name.substring(space + 1));
    representation.setEmail(draft.email());
    Map<String, List<String>> attributes = representation.getAttributes() == null ? new java.util.HashMap<>()
        : new java.util.HashMap<>(representation.getAttributes());
    attributes.put(RealmProvisioner.TERRITORIES_ATTRIBUTE, List.copyOf(new TreeSet<>(draft.scope().territories())));
    attributes.put(RealmProvisioner.ORGANISATION_ATTRIBUTE,
        draft.scope().organisation() == null ? List.of() : List.of(draft.scope().organisation()));
    representation.setAttributes(attributes);
  }

  private static User user(UserRepresentation representation, Set<Role> roles) {
    Map<String, List<String>> attributes = representation.getAttributes() == null ? Map.of() : representation.getAttributes();
    List<String> territories = attributes.getOrDefault(RealmProvisioner.TERRITORIES_ATTRIBUTE, List.of());
    List<String> organisation = attributes.getOrDefault(RealmProvisioner.ORGANISATION_ATTRIBUTE, List.of());
    Scope scope = new Scope(Set.copyOf(territories), organisation.isEmpty() ? null : organisation.get(0));
    String displayName = String.join(" ", java.util.stream.Stream.of(representation.getFirstName(),
        representation.getLastName()).filter(part -> part != null && !part.isBlank()).distinct().toList());
    boolean active = !Boolean.FALSE.equals(representation.isEnabled());
    String version = digest(displayName + "|" + representation.getEmail() + "|" + new TreeSet<>(roles) + "|"
        + new TreeSet<>(scope.territories()) + "|" + scope.organisation() + "|" + active);
    return new User(representation.getId(), "keycloak:" + representation.getId(), representation.getUsername(),
        displayName.isEmpty() ? representation.getUsername() : displayName, representation.getEmail(), roles, scope,
        active, version);
  }

  private static String digest(String value) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String temporaryPassword() {
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }
}

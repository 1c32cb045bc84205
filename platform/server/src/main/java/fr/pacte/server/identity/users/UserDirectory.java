package fr.pacte.server.identity.users;

import fr.pacte.api.Role;
import fr.pacte.server.identity.Scope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a tenant's users live: the built-in accounts, or the tenant's Keycloak realm. The Users page and API work
 * the same on both; {@link UserService} validates, audits and ends sessions around these calls.
 */
public interface UserDirectory {

  /**
   * A user as the Users page shows them.
   *
   * @param id      stable identifier in the directory
   * @param subject the session subject of this user (to end their sessions)
   * @param version changes whenever the user changes: an edit made on an older version is refused (409)
   */
  record User(String id, String subject, String username, String displayName, String email, Set<Role> roles,
              Scope scope, boolean active, String version) {

    public User {
      roles = Set.copyOf(roles);
    }

    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("username", username).put("displayName", displayName)
          .put("email", email)
          .put("roles", new JsonArray(roles.stream().map(Role::code).sorted().toList()))
          .put("territories", new JsonArray(scope.territories().stream().sorted().toList()))
          .put("organisation", scope.organisation())
          .put("scope", scope.label())
          .put("active", active).put("version", version);
    }
  }

  /** What an administrator sets on a user. */
  record UserDraft(String username, String displayName, String email, Set<Role> roles, Scope scope, boolean active) {
  }

  /**
   * A user just created and how they get in: an invitation link (built-in) or a temporary password to change at
   * first login (Keycloak). Shown once to the administrator.
   */
  record Created(User user, String invitationPath, String temporaryPassword) {
  }

  /** "builtin" or "keycloak", for the page and the audit trail. */
  String kind();

  Future<List<User>> list(String tenant);

  Future<Optional<User>> find(String tenant, String id);

  /** Creates a user; fails with a 409 problem if the username is taken. */
  Future<Created> create(String tenant, UserDraft draft);

  /** Changes name, e-mail, roles, scope and activity if {@code version} is current; fails with a 409 problem otherwise. */
  Future<User> update(String tenant, String id, String version, UserDraft draft);
}

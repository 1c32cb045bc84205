package fr.pacte.server.identity.users;

import fr.pacte.api.Role;
import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.identity.Scope;
import fr.pacte.server.identity.Sessions;
import fr.pacte.server.identity.TenantDirectory;
import fr.pacte.server.identity.Territory;
import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Managing a tenant's users, whichever directory holds them: checks what the administrator asks (roles of a tenant,
 * territories of this tenant, a scope that fits the role), records every creation and every change of roles, scope
 * or activity in the audit trail, and ends the sessions of a user whose rights changed.
 */
public final class UserService {

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,99}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final UserDirectory directory;
  private final TenantDirectory tenants;
  private final TenantTransactions transactions;
  private final AuditStore audit;
  private final Sessions sessions;
  private final KnownOrganisations organisations = new KnownOrganisations();

  public UserService(UserDirectory directory, TenantDirectory tenants, TenantTransactions transactions, AuditStore audit,
                     Sessions sessions) {
    this.directory = directory;
    this.tenants = tenants;
    this.transactions = transactions;
    this.audit = audit;
    this.sessions = sessions;
  }

  public String kind() {
    return directory.kind();
  }

  public Future<List<UserDirectory.User>> list(String tenant) {
    return directory.list(tenant);
  }

  public Future<UserDirectory.User> find(String tenant, String id) {
    return directory.find(tenant, id).compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(Problem.notFound("Aucun utilisateur « " + id + " » dans ce département."))));
  }

  /** A draft from a JSON body or a form, checked; a 400 problem lists every field at fault. */
  public Future<UserDirectory.UserDraft> validate(String tenant, JsonObject input, boolean creating) {
    return tenants.territories(tenant).map(territories -> draft(input, territories, creating))
        .compose(draft -> knownOrganisation(tenant, draft));
  }

  /** The organisation an account acts for must be one of the tenant's: a 400 naming the field otherwise. */
  private Future<UserDirectory.UserDraft> knownOrganisation(String tenant, UserDirectory.UserDraft draft) {
    String organisation = draft.scope().organisation();
    if (organisation == null) {
      return Future.succeededFuture(draft);
    }
    return transactions.inTenant(tenant, connection -> organisations.exists(connection, organisation))
        .compose(found -> found ? Future.succeededFuture(draft)
            : Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("organisation",
                "Aucune organisation « " + organisation + " » dans ce département : choisissez-en une de la page"
                    + " Organisations.")))));
  }

  public Future<UserDirectory.Created> create(String tenant, UserDirectory.UserDraft draft, Actor actor, String requestId) {
    return directory.create(tenant, draft)
        .compose(created -> record(tenant, actor, "user.created", created.user(), new JsonObject()
            .put("roles", codes(draft.roles())).put("scope", draft.scope().label()), requestId).map(created));
  }

  public Future<UserDirectory.User> update(String tenant, String id, String version, UserDirectory.UserDraft draft,
                                           Actor actor, String requestId) {
    return find(tenant, id).compose(before -> directory.update(tenant, id, version, draft)
        .compose(after -> record(tenant, actor, action(before, after), after, changes(before, after), requestId)
            .compose(done -> rightsChanged(before, after) ? sessions.closeAllOf(tenant, after.subject()).mapEmpty()
                : Future.<Void>succeededFuture())
            .map(after)));
  }

  private Future<Void> record(String tenant, Actor actor, String action, UserDirectory.User user, JsonObject details,
                              String requestId) {
    return transactions.inTenant(tenant, connection -> audit.record(connection, tenant, actor.audited(), action,
        "account:" + user.username(), details.put("directory", directory.kind()), requestId));
  }

  private static String action(UserDirectory.User before, UserDirectory.User after) {
    if (before.active() && !after.active()) {
      return "user.deactivated";
    }
    if (!before.active() && after.active()) {
      return "user.reactivated";
    }
    return rightsChanged(before, after) ? "user.access-changed" : "user.updated";
  }

  private static boolean rightsChanged(UserDirectory.User before, UserDirectory.User after) {
    return !before.roles().equals(after.roles()) || !before.scope().equals(after.scope()) || before.active() != after.active();
  }

  private static JsonObject changes(UserDirectory.User before, UserDirectory.User after) {
    return new JsonObject()
        .put("before", new JsonObject().put("roles", codes(before.roles())).put("scope", before.scope().label())
            .put("active", before.active()))
        .put("after", new JsonObject().put("roles", codes(after.roles())).put("scope", after.scope().label())
            .put("active", after.active()));
  }

  private static JsonArray codes(Set<Role> roles) {
    return new JsonArray(roles.stream().map(Role::code).sorted().toList());
  }

  private static UserDirectory.UserDraft draft(JsonObject input, List<Territory> territories, boolean creating) {
    List<Problem.FieldError> errors = new ArrayList<>();
    String username = text(input, "username", 100, errors).toLowerCase(java.util.Locale.ROOT);
    if (creating && !USERNAME.matcher(username).matches()) {
      errors.add(new Problem.FieldError("username", "Un identifiant de 2 à 100 caractères : lettres minuscules, "
          + "chiffres, point, tiret, arobase."));
    }
    String displayName = text(input, "displayName", 200, errors);
    if (displayName.isEmpty() || displayName.length() > 200) {
      errors.add(new Problem.FieldError("displayName", "Indiquez le nom de la personne (200 caractères au plus)."));
    }
    String email = text(input, "email", 254, errors);
    if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
      errors.add(new Problem.FieldError("email", "Cette adresse électronique n'est pas valide."));
    }
    Set<Role> roles = new LinkedHashSet<>();
    for (String code : strings(input, "roles", errors)) {
      Optional<Role> role = Role.fromCode(code).filter(found -> !found.isPlatformRole());
      if (role.isPresent()) {
        roles.add(role.get());
      } else {
        errors.add(new Problem.FieldError("roles", "Rôle inconnu dans un département : « " + code + " »."));
      }
    }
    if (roles.isEmpty()) {
      errors.add(new Problem.FieldError("roles", "Choisissez au moins un rôle."));
    }
    Set<String> known = new LinkedHashSet<>(territories.stream().map(Territory::code).toList());
    Set<String> chosen = new LinkedHashSet<>(strings(input, "territories", errors));
    chosen.stream().filter(code -> !known.contains(code)).forEach(code -> errors.add(new Problem.FieldError(
        "territories", "Le territoire « " + code + " » n'existe pas dans ce département.")));
    String organisation = text(input, "organisation", 80, errors);
    if (roles.contains(Role.OPERATOR) && organisation.isEmpty()) {
      errors.add(new Problem.FieldError("organisation", "Un opérateur agit pour une organisation : indiquez laquelle."));
    }
    if (!organisation.isEmpty() && !chosen.isEmpty()) {
      errors.add(new Problem.FieldError("organisation", "Limitez l'accès soit à des territoires, soit à une organisation, pas aux deux."));
    }
    if (roles.contains(Role.TERRITORY_AGENT) && chosen.isEmpty()) {
      errors.add(new Problem.FieldError("territories", "Un agent de territoire travaille sur au moins un territoire : cochez-le."));
    }
    if (!errors.isEmpty()) {
      throw Problem.validation(errors);
    }
    Object activeValue = input.getValue("active");
    if (activeValue != null && !(activeValue instanceof Boolean)) {
      throw Problem.validation(List.of(new Problem.FieldError("active", "true ou false est attendu.")));
    }
    boolean active = !Boolean.FALSE.equals(activeValue);
    return new UserDirectory.UserDraft(username, displayName, email.isEmpty() ? null : email, roles,
        new Scope(chosen, organisation.isEmpty() ? null : organisation), active);
  }

  /** A one-line text, trimmed, or "" when absent; a wrong type, controls or excess length are field errors. */
  private static String text(JsonObject input, String field, int max, List<Problem.FieldError> errors) {
    String text = Fields.check(input.getValue(field), field, max, false, errors);
    return text == null ? "" : text;
  }

  /** A list of codes; a page sends a single one as a plain text. */
  private static List<String> strings(JsonObject input, String field, List<Problem.FieldError> errors) {
    Object value = input.getValue(field);
    if (value instanceof String single) {
      String code = Fields.check(single, field, 80, false, errors);
      return code == null ? List.of() : List.of(code);
    }
    return Fields.of(input, "", errors).lines(field, 100, 80);
  }
}

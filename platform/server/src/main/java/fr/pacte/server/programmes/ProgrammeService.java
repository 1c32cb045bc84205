package fr.pacte.server.programmes;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.config.YamlDocument;
import fr.pacte.server.config.YamlDocument.Mapping;
import fr.pacte.server.config.YamlFileException;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.referentials.ReferentialService;
import fr.pacte.server.referentials.ReferentialsFile;
import fr.pacte.server.referentials.TenantReferentials;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The programmes of a tenant: read as trees, actions and chantiers edited one at a time with optimistic versions,
 * every change audited in its transaction; the YAML files of {@code tenants/<slug>/programmes/} as seed (once per
 * content), export and all-or-nothing import (with the tenant's {@code referentiels.yaml}).
 */
public final class ProgrammeService {

  private static final String SELECT_TERRITORY_CODES = "SELECT DISTINCT code FROM platform.territory";

  private final TenantTransactions transactions;
  private final ProgrammeStore store;
  private final AuditStore audit;
  private final ReferentialService referentials;

  public ProgrammeService(TenantTransactions transactions, ProgrammeStore store, AuditStore audit,
                          ReferentialService referentials) {
    this.transactions = transactions;
    this.store = store;
    this.audit = audit;
    this.referentials = referentials;
  }

  /** One file to import: its name (how errors name it) and its YAML text. */
  public record ImportFile(String name, String content) {
  }

  /** What an import did: the programmes written (new or replaced) and whether the référentiels were. */
  public record ImportResult(List<String> created, List<String> replaced, boolean referentials) {

    public JsonObject toJson() {
      return new JsonObject().put("created", created).put("replaced", replaced).put("referentials", referentials);
    }
  }

  public Future<List<JsonObject>> list(String tenant) {
    return transactions.inTenant(tenant, store::list);
  }

  public Future<JsonObject> programme(String tenant, String code) {
    return transactions.inTenant(tenant, connection -> store.find(connection, code))
        .map(found -> found.orElseThrow(() -> missingProgramme(code)));
  }

  public Future<JsonObject> action(String tenant, String programme, long id) {
    return transactions.inTenant(tenant, connection -> store.action(connection, programme, id))
        .map(found -> found.orElseThrow(() -> Problem.notFound("Aucune action n° " + id + " dans le programme « "
            + programme + " ».")));
  }

  public Future<JsonObject> chantier(String tenant, String programme, long id) {
    return transactions.inTenant(tenant, connection -> store.chantier(connection, programme, id))
        .map(found -> found.orElseThrow(() -> Problem.notFound("Aucun chantier n° " + id + " dans le programme « "
            + programme + " ».")));
  }

  /** Saves an action read at {@code input.version()}: 400 with the fields at fault, 409 if someone saved meanwhile. */
  public Future<JsonObject> updateAction(String tenant, String programme, long id, ActionInput input, Actor actor,
                                         String requestId) {
    List<Problem.FieldError> errors = input.errors();
    if (!errors.isEmpty()) {
      return Future.failedFuture(Problem.validation(errors));
    }
    return transactions.inTenant(tenant, connection -> store.updateAction(connection, tenant, programme, id, input,
                actor.audited())
            .compose(saved -> saved.isPresent()
                ? audit.record(connection, tenant, actor.audited(), "programme.action.updated",
                    "programme:" + programme + "/action:" + id, new JsonObject().put("title", input.title())
                        .put("version", saved.get()).put("indicators", input.indicators().size()), requestId)
                : store.actionExists(connection, programme, id).compose(exists -> Future.failedFuture(exists
                    ? Problem.conflict("Cette action a été modifiée par quelqu'un d'autre depuis que vous l'avez ouverte ;"
                        + " vos modifications n'ont pas été enregistrées. Rechargez-la pour voir sa version actuelle.")
                    : Problem.notFound("Aucune action n° " + id + " dans le programme « " + programme + " »."))))
        )
        .compose(done -> action(tenant, programme, id));
  }

  /**
   * Saves a chantier. {@code chantier} is the row the caller read and already checked the territory of (a territory
   * agent edits the roadmap of their own territory only).
   */
  public Future<JsonObject> updateChantier(String tenant, String programme, JsonObject chantier, ChantierInput input,
                                           Actor actor, String requestId) {
    long id = chantier.getLong("id");
    return programme(tenant, programme).compose(tree -> {
      List<Problem.FieldError> errors = input.errors(actionCodes(tree));
      if (!errors.isEmpty()) {
        return Future.failedFuture(Problem.validation(errors));
      }
      return transactions.inTenant(tenant, connection -> store.updateChantier(connection, programme, id, input,
              actor.audited())
          .compose(saved -> saved.isPresent()
              ? audit.record(connection, tenant, actor.audited(), "programme.chantier.updated",
                  "programme:" + programme + "/chantier:" + id, new JsonObject().put("territory", chantier.getString("territory"))
                      .put("title", input.title()).put("version", saved.get()), requestId)
              : Future.failedFuture(Problem.conflict("Ce chantier a été modifié par quelqu'un d'autre depuis que vous"
                  + " l'avez ouvert ; vos modifications n'ont pas été enregistrées. Rechargez-le pour voir sa version actuelle."))));
    }).compose(done -> chantier(tenant, programme, id));
  }

  /** The programme as its YAML file. */
  public Future<String> export(String tenant, String code) {
    return programme(tenant, code).map(tree -> ProgrammeFile.write(
        "Exporté de Pacte (département " + tenant + ", programme " + code + ", version " + tree.getInteger("version") + ").\n"
            + "Format : tenants/README.md. Réimportable tel quel.", ProgrammeJson.toProgramme(tree)));
  }

  /** The record of a stored programme (what its export describes). */
  public Future<Programme> record(String tenant, String code) {
    return programme(tenant, code).map(ProgrammeJson::toProgramme);
  }

  /**
   * Imports files of the tenants/ format: programmes (a document with {@code kind}) and référentiels. Every file is
   * read and checked first, and all are written in one transaction: a single error and nothing changes. A programme
   * whose code exists is replaced (its earlier versions under other codes stay).
   */
  public Future<ImportResult> importFiles(String tenant, List<ImportFile> files, Actor actor,
                                          boolean mayReplaceReferentials, String requestId) {
    List<Programme> programmes = new ArrayList<>();
    List<Mapping> programmeRoots = new ArrayList<>();
    List<TenantReferentials> referentialFiles = new ArrayList<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    if (files.isEmpty()) {
      errors.add(new Problem.FieldError("files", "Aucun fichier à importer."));
    }
    for (ImportFile file : files) {
      try {
        Mapping root = YamlDocument.parse(file.content(), file.name());
        if (root.keys().contains("kind")) {
          Programme programme = ProgrammeFile.parse(root);
          if (!codes.add(programme.code())) {
            throw root.errorAt("code", "un autre fichier de cet import porte déjà le code « " + programme.code() + " »");
          }
          programmes.add(programme);
          programmeRoots.add(root);
        } else {
          referentialFiles.add(ReferentialsFile.parse(root, referentials.national()));
        }
      } catch (YamlFileException e) {
        errors.add(new Problem.FieldError(e.field() == null ? file.name() : e.field(), e.getMessage()));
      }
    }
    if (referentialFiles.size() > 1) {
      errors.add(new Problem.FieldError("files", "Un seul fichier de référentiels par import."));
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Problem.validation(errors));
    }
    if (!referentialFiles.isEmpty() && !mayReplaceReferentials) {
      return Future.failedFuture(Problem.forbidden("Seul un administrateur du département peut importer des référentiels ;"
          + " rien n'a été importé."));
    }
    List<String> created = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    return transactions.inTenant(tenant, connection -> connection.query(SELECT_TERRITORY_CODES).execute().compose(rows -> {
      // References are checked against the tenant's data before anything is written.
      Set<String> territories = new HashSet<>();
      rows.forEach(row -> territories.add(row.getString("code")));
      List<Problem.FieldError> unknown = new ArrayList<>();
      for (int i = 0; i < programmes.size(); i++) {
        ProgrammeFile.unknownReferences(programmeRoots.get(i), programmes.get(i), territories)
            .forEach(e -> unknown.add(new Problem.FieldError(e.field(), e.getMessage())));
      }
      if (!unknown.isEmpty()) {
        return Future.failedFuture(Problem.validation(unknown));
      }
      Future<Void> chain = referentialFiles.isEmpty() ? Future.succeededFuture()
          : referentials.replace(connection, tenant, referentialFiles.get(0), actor, "referentials.imported", requestId);
      for (Programme programme : programmes) {
        chain = chain.compose(done -> replace(connection, tenant, programme, actor, "programme.imported", requestId)
            .map(existed -> {
              (existed ? replaced : created).add(programme.code());
              return null;
            }));
      }
      return chain;
    })).map(done -> new ImportResult(created, replaced, !referentialFiles.isEmpty()));
  }

  /** Replaces the programme of a seed file (same code), within the seed's transaction. */
  public Future<Void> replaceFromFile(SqlConnection connection, String tenant, Programme programme, String displayName) {
    return replace(connection, tenant, programme, Actor.system(displayName), "programme.loaded-from-file", null).mapEmpty();
  }

  /** Deletes the programme of that code if any, writes the new one and audits; true if one was replaced. */
  private Future<Boolean> replace(SqlConnection connection, String tenant, Programme programme, Actor actor,
                                  String action, String requestId) {
    return store.delete(connection, programme.code())
        .compose(previous -> store.insert(connection, tenant, programme, actor.audited())
            .compose(done -> audit.record(connection, tenant, actor.audited(), action, "programme:" + programme.code(),
                new JsonObject().put("title", programme.title()).put("axes", programme.axes().size())
                    .put("fiches", programme.ficheCount()).put("actions", programme.actionCount())
                    .put("replaced", previous.isPresent()), requestId))
            .map(previous.isPresent()));
  }

  private static Set<String> actionCodes(JsonObject tree) {
    return tree.getJsonArray("axes").stream().map(JsonObject.class::cast)
        .flatMap(axis -> axis.getJsonArray("fiches").stream().map(JsonObject.class::cast))
        .flatMap(fiche -> fiche.getJsonArray("actions").stream().map(JsonObject.class::cast))
        .map(action -> action.getString("code")).collect(Collectors.toSet());
  }

  private static Problem missingProgramme(String code) {
    return Problem.notFound("Aucun programme « " + code + " » dans ce département.");
  }
}

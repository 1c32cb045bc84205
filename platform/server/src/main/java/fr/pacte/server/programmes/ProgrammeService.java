package fr.pacte.server.programmes;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.config.YamlDocument;
import fr.pacte.server.config.YamlDocument.Mapping;
import fr.pacte.server.config.YamlFileException;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.referentials.ReferentialService;
import fr.pacte.server.requests.RequestContext;
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

  /**
   * Every action of the tenant's programmes as an offer item refers to one ({@code <programme>/<action>}, e.g.
   * {@code pdi-pti-2022-2025/1-1-1}) with what people read: the programme's title, the action's code and title.
   */
  public Future<List<java.util.Map<String, String>>> actionChoices(String tenant) {
    return list(tenant).compose(programmes -> {
      List<Future<JsonObject>> full = programmes.stream().map(p -> programme(tenant, p.getString("code"))).toList();
      return Future.all(full).map(all -> {
        List<java.util.Map<String, String>> choices = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
          JsonObject programme = all.resultAt(i);
          for (Object axis : programme.getJsonArray("axes", new io.vertx.core.json.JsonArray())) {
            for (Object fiche : ((JsonObject) axis).getJsonArray("fiches", new io.vertx.core.json.JsonArray())) {
              for (Object action : ((JsonObject) fiche).getJsonArray("actions", new io.vertx.core.json.JsonArray())) {
                JsonObject a = (JsonObject) action;
                choices.add(java.util.Map.of("value", programme.getString("code") + "/" + a.getString("code"),
                    "programme", programme.getString("title"),
                    "label", "Action " + a.getString("code") + " — " + a.getString("title")));
              }
            }
          }
        }
        return choices;
      });
    });
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
        .map(found -> found.orElseThrow(() -> missingChantier(programme, id)));
  }

  /**
   * Saves an action read at {@code input.version()}: 400 with the fields at fault, 409 if someone saved meanwhile.
   * One transaction of five statements: the update returns the saved row, the indicators are replaced, the audit
   * recorded.
   */
  public Future<JsonObject> updateAction(RequestContext context, String programme, long id, ActionInput input) {
    String tenant = context.tenant();
    Actor actor = context.actor();
    String requestId = context.requestId();
    List<Problem.FieldError> errors = input.errors();
    if (!errors.isEmpty()) {
      return Future.failedFuture(Problem.validation(errors));
    }
    return transactions.inTenant(tenant, connection -> store.updateAction(connection, tenant, programme, id, input,
            actor.audited())
        .compose(saved -> saved.isPresent()
            ? audit.record(connection, tenant, actor.audited(), "programme.action.updated",
                "programme:" + programme + "/action:" + id, new JsonObject().put("title", input.title())
                    .put("version", saved.get().getInteger("version")).put("indicators", input.indicators().size()),
                requestId).map(saved.get())
            : store.actionExists(connection, programme, id).compose(exists -> Future.<JsonObject>failedFuture(exists
                ? Problem.conflict("Cette action a été modifiée par quelqu'un d'autre depuis que vous l'avez ouverte ;"
                    + " vos modifications n'ont pas été enregistrées. Rechargez-la pour voir sa version actuelle.")
                : Problem.notFound("Aucune action n° " + id + " dans le programme « " + programme + " »."))))
    );
  }

  /**
   * Saves a chantier read at {@code input.version()}, if its territory is in the caller's scope: a territory agent
   * edits the roadmap of their own territory only (403 otherwise). One transaction: the chantier read by id, its
   * action codes checked, the update returning the saved row, the audit.
   */
  public Future<JsonObject> updateChantier(RequestContext context, String programme, long id, ChantierInput input) {
    String tenant = context.tenant();
    Actor actor = context.actor();
    String requestId = context.requestId();
    return transactions.inTenant(tenant, connection -> store.chantier(connection, programme, id)
        .compose(found -> found.isPresent() ? Future.succeededFuture(found.get())
            : Future.failedFuture(missingChantier(programme, id)))
        .compose(chantier -> {
          context.requireTerritory(chantier.getString("territory"));
          return store.unknownActionCodes(connection, programme, input.actions()).compose(unknown -> {
            Set<String> known = new HashSet<>(input.actions());
            unknown.forEach(known::remove);
            List<Problem.FieldError> errors = input.errors(known);
            return errors.isEmpty() ? store.updateChantier(connection, programme, id, input, actor.audited())
                : Future.failedFuture(Problem.validation(errors));
          }).compose(saved -> saved.isPresent()
              ? audit.record(connection, tenant, actor.audited(), "programme.chantier.updated",
                  "programme:" + programme + "/chantier:" + id, new JsonObject().put("territory", chantier.getString("territory"))
                      .put("title", input.title()).put("version", saved.get().getInteger("version")), requestId)
                  .map(saved.get())
              : Future.failedFuture(Problem.conflict("Ce chantier a été modifié par quelqu'un d'autre depuis que vous"
                  + " l'avez ouvert ; vos modifications n'ont pas été enregistrées. Rechargez-le pour voir sa version actuelle.")));
        }));
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

  /** The files of an import, read and checked on their own (before the tenant's data is looked at). */
  private record ReadFiles(List<Programme> programmes, List<Mapping> roots, List<TenantReferentials> referentials) {
  }

  /**
   * Imports files of the tenants/ format: programmes (a document with {@code kind}) and référentiels. Every file is
   * read and checked first, and all are written in one transaction: a single error and nothing changes. A programme
   * whose code exists is replaced (its earlier versions under other codes stay, and the replaced version is kept,
   * restorable). Only a caller who manages the référentiels may import a référentiels file. Applied as confirmed.
   */
  public Future<ImportResult> importFiles(RequestContext context, List<ImportFile> files) {
    return importFiles(context, files, true);
  }

  /**
   * Same; unless {@code confirmed}, an import that would change or remove anything that exists is refused (409)
   * and nothing is written: the caller looks at {@link #preview} first and confirms.
   */
  public Future<ImportResult> importFiles(RequestContext context, List<ImportFile> files, boolean confirmed) {
    String tenant = context.tenant();
    Actor actor = context.actor();
    String requestId = context.requestId();
    ReadFiles read;
    try {
      read = read(context, files);
    } catch (Problem problem) {
      return Future.failedFuture(problem);
    }
    List<String> created = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    return transactions.inTenant(tenant, connection -> compare(connection, read).compose(preview -> {
      if (!confirmed && preview.changesExisting()) {
        return Future.failedFuture(new Problem(409, "confirmation-requise", "Confirmation requise",
            "Cet import modifie ou retire des éléments existants" + (preview.removesMost()
                ? " (il retire la plus grande partie d'un programme)" : "")
                + " : consultez d'abord ce qu'il change (aperçu), puis confirmez-le ; rien n'a été importé.", List.of()));
      }
      Future<Void> chain = read.referentials().isEmpty() ? Future.succeededFuture()
          : referentials.replace(connection, tenant, read.referentials().get(0), actor, "referentials.imported", requestId);
      for (Programme programme : read.programmes()) {
        chain = chain.compose(done -> replace(connection, tenant, programme, actor, "programme.imported", requestId)
            .map(existed -> {
              (existed ? replaced : created).add(programme.code());
              return null;
            }));
      }
      return chain;
    })).map(done -> new ImportResult(created, replaced, !read.referentials().isEmpty()));
  }

  /** What importing {@code files} would change, read in one transaction; nothing is written. */
  public Future<ImportPreview> preview(RequestContext context, List<ImportFile> files) {
    ReadFiles read;
    try {
      read = read(context, files);
    } catch (Problem problem) {
      return Future.failedFuture(problem);
    }
    return transactions.inTenant(context.tenant(), connection -> compare(connection, read));
  }

  /** Each file parsed and checked on its own; a 400 listing every error (or a 403 for référentiels). */
  private ReadFiles read(RequestContext context, List<ImportFile> files) {
    boolean mayReplaceReferentials = context.holds(Permission.MANAGE_REFERENTIALS);
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
      throw Problem.validation(errors);
    }
    if (!referentialFiles.isEmpty() && !mayReplaceReferentials) {
      throw Problem.forbidden("Seul un administrateur du département peut importer des référentiels ;"
          + " rien n'a été importé.");
    }
    return new ReadFiles(programmes, programmeRoots, referentialFiles);
  }

  /**
   * References checked against the tenant's data (territories), then each programme compared with the stored one of
   * its code.
   */
  private Future<ImportPreview> compare(SqlConnection connection, ReadFiles read) {
    return connection.query(SELECT_TERRITORY_CODES).execute().compose(rows -> {
      Set<String> territories = new HashSet<>();
      rows.forEach(row -> territories.add(row.getString("code")));
      List<Problem.FieldError> unknown = new ArrayList<>();
      for (int i = 0; i < read.programmes().size(); i++) {
        ProgrammeFile.unknownReferences(read.roots().get(i), read.programmes().get(i), territories)
            .forEach(e -> unknown.add(new Problem.FieldError(e.field(), e.getMessage())));
      }
      if (!unknown.isEmpty()) {
        return Future.failedFuture(Problem.validation(unknown));
      }
      Future<List<ImportPreview.ProgrammeChange>> changes = Future.succeededFuture(new ArrayList<>());
      for (Programme programme : read.programmes()) {
        changes = changes.compose(list -> store.find(connection, programme.code()).map(stored -> {
          list.add(ImportPreview.compare(stored.map(ProgrammeJson::toProgramme).orElse(null), programme));
          return list;
        }));
      }
      return changes.map(list -> new ImportPreview(List.copyOf(list), !read.referentials().isEmpty()));
    });
  }

  /** The versions of a programme that imports or restores replaced, newest first. */
  public Future<List<JsonObject>> previousVersions(String tenant, String code) {
    return transactions.inTenant(tenant, connection -> store.find(connection, code).compose(found -> found.isEmpty()
        ? Future.failedFuture(missingProgramme(code)) : store.previousVersions(connection, code)));
  }

  /**
   * Puts back the version of a programme that the last import (or restore) replaced, in one transaction: the current
   * version is kept in its turn (restoring again undoes the restore). 409 when the caller's view is stale
   * ({@code expectedVersion}, if given, is not the programme's version), 404 when there is no previous version.
   */
  public Future<JsonObject> restorePrevious(RequestContext context, String code, Integer expectedVersion) {
    String tenant = context.tenant();
    Actor actor = context.actor();
    String requestId = context.requestId();
    return transactions.inTenant(tenant, connection -> store.find(connection, code)
        .compose(current -> {
          if (current.isPresent() && expectedVersion != null
              && !expectedVersion.equals(current.get().getInteger("version"))) {
            return Future.failedFuture(Problem.conflict("Ce programme a changé depuis que vous l'avez ouvert ;"
                + " rechargez la page avant de restaurer sa version précédente. Rien n'a été modifié."));
          }
          return store.latestPrevious(connection, code);
        })
        .compose(previous -> previous.isEmpty()
            ? Future.failedFuture(Problem.notFound("Le programme « " + code + " » n'a pas de version précédente à restaurer."))
            : replace(connection, tenant, ProgrammeFile.parse(previous.get().content(), "version précédente de " + code),
                actor, "programme.restored", requestId)
                .compose(existed -> store.deletePrevious(connection, previous.get().id()))
                .compose(done -> store.find(connection, code)).map(found -> found.orElseThrow())));
  }

  /** Replaces the programme of a seed file (same code), within the seed's transaction. */
  public Future<Void> replaceFromFile(SqlConnection connection, String tenant, Programme programme, String displayName) {
    return replace(connection, tenant, programme, Actor.system(displayName), "programme.loaded-from-file", null).mapEmpty();
  }

  /** Deletes the programme of that code if any, writes the new one and audits; true if one was replaced. */
  private Future<Boolean> replace(SqlConnection connection, String tenant, Programme programme, Actor actor,
                                  String action, String requestId) {
    return keepCurrent(connection, tenant, programme.code(), actor, action)
        .compose(kept -> store.delete(connection, programme.code()))
        .compose(previous -> store.insert(connection, tenant, programme, actor.audited())
            .compose(done -> audit.record(connection, tenant, actor.audited(), action, "programme:" + programme.code(),
                new JsonObject().put("title", programme.title()).put("axes", programme.axes().size())
                    .put("fiches", programme.ficheCount()).put("actions", programme.actionCount())
                    .put("replaced", previous.isPresent()), requestId))
            .map(previous.isPresent()));
  }

  /** Keeps the stored version of {@code code}, if any, as its YAML export among the previous versions. */
  private Future<Void> keepCurrent(SqlConnection connection, String tenant, String code, Actor actor, String reason) {
    return store.find(connection, code).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture();
      }
      Programme current = ProgrammeJson.toProgramme(found.get());
      int version = found.get().getInteger("version");
      String content = ProgrammeFile.write("Version " + version + " du programme " + code + ", remplacée ("
          + reason + ").", current);
      return store.keepPrevious(connection, tenant, current, version, content, actor.audited(), reason);
    });
  }

  private static Problem missingChantier(String programme, long id) {
    return Problem.notFound("Aucun chantier n° " + id + " dans le programme « " + programme + " ».");
  }

  private static Problem missingProgramme(String code) {
    return Problem.notFound("Aucun programme « " + code + " » dans ce département.");
  }
}

package ${package};

import fr.pacte.api.FieldError;
#if( $kind == "module" )
import fr.pacte.api.LocalizedText;
#end
import fr.pacte.api.NavigationEntry;
import fr.pacte.api.PacteModule;
import fr.pacte.api.PluginContext;
import fr.pacte.api.Problems;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

#if( $kind == "module" )
/**
 * A cross-cutting module (no action type): one menu entry to its page, a register of notes kept in the plugin's own
 * table (src/main/resources/db/${pluginId}/), read and written through a JSON API and listed on its page. Every
 * statement runs in the caller's tenant: row-level security keeps each département's notes apart.
 */
#else
/**
 * The module: the fiche as its page (the host's standard page) with one menu entry, a register of notes kept in the
 * plugin's own table (src/main/resources/db/${pluginId}/), read and written through a JSON API and shown on a page of
 * its own. Every statement runs in the caller's tenant: row-level security keeps each département's notes apart.
 */
#end
@Extension
public class PluginModule implements PacteModule {

#if( $kind == "module" )
  /** The module's name, on its page and in the menu. */
  static final LocalizedText LABEL = LocalizedText.fr("${label}");

#end
  private static final String LIST = """
      SELECT id, body FROM ${pluginId.replace('-', '_')}.notes ORDER BY id DESC LIMIT 50""";
  private static final String INSERT = """
      INSERT INTO ${pluginId.replace('-', '_')}.notes (tenant_id, body) VALUES ($1, $2) RETURNING id""";

  @Override
  public void apiRoutes(Router router, PluginContext context) {
    router.get("/notes").handler(ctx -> notes(context, ctx)
        .onSuccess(notes -> ctx.json(new JsonObject().put("notes", notes)))
        .onFailure(ctx::fail));
    router.post("/notes").handler(ctx -> {
      JsonObject body = Problems.jsonObject(ctx.body().buffer());
      if (body == null) {
        Problems.send(ctx, Problems.badRequest("Le corps de la requête doit être un objet JSON, par exemple {\"body\": \"…\"}."));
        return;
      }
      String text = body.getValue("body") instanceof String s ? s.strip() : "";
      if (text.isEmpty() || text.length() > 500) {
        Problems.send(ctx, Problems.validation("La note n'a pas été enregistrée : corrigez les champs signalés.",
            List.of(new FieldError("body", "La note est obligatoire (500 caractères au plus)."))));
        return;
      }
      context.tenant(ctx).transaction(sql -> sql.query(INSERT, Tuple.of(sql.tenantId(), text)))
          .onSuccess(rows -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("id", rows.iterator().next().getLong("id")).put("body", text).encode()))
          .onFailure(ctx::fail);
    });
  }

  @Override
  public void pageRoutes(Router router, PluginContext context) {
#if( $kind == "module" )
    router.get("/").handler(ctx -> notes(context, ctx)
        .compose(notes -> {
          Map<String, Object> model = new HashMap<>();
          model.put("notes", forPage(notes));
          return context.pages().render(ctx, LABEL.fr(), "templates/${pluginId}/notes.peb", model);
        })
        .onFailure(error -> failed(ctx, error)));
#else
    router.get("/").handler(ctx -> context.pages().renderFiche(ctx, PluginActionType.DESCRIPTOR)
        .onFailure(error -> failed(ctx, error)));
    router.get("/notes").handler(ctx -> notes(context, ctx)
        .compose(notes -> {
          Map<String, Object> model = new HashMap<>();
          model.put("notes", forPage(notes));
          return context.pages().render(ctx, "Notes", "templates/${pluginId}/notes.peb", model);
        })
        .onFailure(error -> failed(ctx, error)));
#end
  }

  @Override
  public List<NavigationEntry> navigation() {
#if( $kind == "module" )
    return List.of(new NavigationEntry(LABEL, ""));
#else
    return List.of(new NavigationEntry(PluginActionType.DESCRIPTOR.label(), ""));
#end
  }

  private static io.vertx.core.Future<JsonArray> notes(PluginContext context, RoutingContext ctx) {
    return context.tenant(ctx).transaction(sql -> sql.query(LIST, Tuple.tuple())).map(rows -> {
      JsonArray notes = new JsonArray();
      for (Row row : rows) {
        notes.add(new JsonObject().put("id", row.getLong("id")).put("body", row.getString("body")));
      }
      return notes;
    });
  }

  /** The notes as maps: a template reads a map's keys, not a JsonObject's. */
  private static List<Map<String, Object>> forPage(JsonArray notes) {
    return notes.stream().map(note -> ((JsonObject) note).getMap()).toList();
  }

  private static void failed(RoutingContext ctx, Throwable error) {
    if (!ctx.response().ended()) {
      ctx.fail(error);
    }
  }
}

package fr.pacte.plugins.mobility;

import fr.pacte.api.FieldError;
import fr.pacte.api.PluginContext;
import fr.pacte.api.Problems;
import fr.pacte.api.TenantScope;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** JSON routes under {@code /api/tenants/{tenant}/modules/mobility-platform/}. */
final class SolicitationApi {

  static final int LATEST = 50;

  private final PluginContext context;
  private final Solicitations solicitations;

  SolicitationApi(PluginContext context, Solicitations solicitations) {
    this.context = context;
    this.solicitations = solicitations;
  }

  void mount(Router router) {
    router.get("/solicitations").handler(this::list);
    router.post("/solicitations").handler(this::create);
  }

  private void list(RoutingContext ctx) {
    solicitations.overview(context.tenant(ctx), LATEST)
        .onSuccess(overview -> {
          JsonArray items = new JsonArray();
          overview.latest().forEach(item -> items.add(item.toJson()));
          ctx.json(new JsonObject().put("count", overview.count()).put("items", items));
        })
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = jsonObject(ctx.body().buffer());
    if (body == null) {
      Problems.send(ctx, invalidBody());
      return;
    }
    TenantScope tenant = context.tenant(ctx);
    SolicitationInput.Parsed parsed = SolicitationInput.parse(body, solicitations.today(tenant));
    if (!parsed.valid()) {
      Problems.send(ctx, invalid(parsed.errors()));
      return;
    }
    TenantTerritories.names(context, tenant).compose(names -> {
      FieldError unknown = TenantTerritories.check(parsed.input().territory(), names);
      if (unknown != null) {
        return Problems.send(ctx, invalid(List.of(unknown)));
      }
      return solicitations.record(tenant, parsed.input()).onSuccess(saved -> ctx.response()
          .setStatusCode(201)
          .putHeader("Content-Type", "application/json")
          .end(saved.toJson().encode())).mapEmpty();
    }).onFailure(ctx::fail);
  }

  /** The body as a JSON object, or null when it is missing, malformed, or another JSON value (array, string…). */
  static JsonObject jsonObject(Buffer body) {
    return Problems.jsonObject(body);
  }

  /** 400 naming each field at fault, in French. */
  static JsonObject invalid(List<FieldError> errors) {
    return Problems.validation("La sollicitation n'a pas été enregistrée : corrigez les champs signalés.", errors);
  }

  /** 400 for a body that is not a JSON object, with an example of one. */
  static JsonObject invalidBody() {
    return Problems.badRequest("Le corps de la requête doit être un objet JSON, par exemple "
        + "{\"receivedOn\": \"2026-11-02\", \"territory\": \"Amiens\", \"channel\": \"telephone\", \"reason\": \"…\"}.");
  }
}

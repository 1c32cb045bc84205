package fr.pacte.server.referentials;

import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.referentials.ReferentialService.EntryView;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.Versions;
import fr.pacte.server.web.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The référentiels on the JSON API: national values with the tenant's overrides, override and return to the
 * national value, YAML export.
 */
public final class ReferentialApi {

  private static final String API = "/api/tenants/:tenant/referentials";

  private final ReferentialService referentials;
  private final Access access;

  public ReferentialApi(ReferentialService referentials, Access access) {
    this.referentials = referentials;
    this.access = access;
  }

  public void mount(Router router) {
    router.get(API).handler(access.to(Permission.READ_POLICY)).handler(this::all);
    router.get(API + "/:kind").handler(access.to(Permission.READ_POLICY)).handler(this::kind);
    router.get(API + "/:kind/:code").handler(access.to(Permission.READ_POLICY)).handler(this::entry);
    router.put(API + "/:kind/:code").handler(access.to(Permission.MANAGE_REFERENTIALS)).handler(this::override);
    router.delete(API + "/:kind/:code").handler(access.to(Permission.MANAGE_REFERENTIALS)).handler(this::reset);
    router.get("/api/tenants/:tenant/export/referentiels.yaml").handler(access.to(Permission.READ_POLICY)).handler(this::export);
  }

  private void all(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    referentials.list(tenant)
        .compose(kinds -> referentials.territories(tenant).compose(territories -> referentials.areas(tenant)
            .map(areas -> new JsonObject()
                .put("kinds", new JsonArray(kinds.stream().map(ReferentialService.KindView::toJson).toList()))
                .put("territories", new JsonArray(territories.stream().map(Tenant.Territory::toJson).toList()))
                .put("areas", new JsonArray(areas.stream().map(ReferentialApi::areaJson).toList())))))
        .onSuccess(body -> Json.ok(request, 200, body))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void kind(RoutingContext request) {
    referentials.kind(request.pathParam("tenant"), request.pathParam("kind"))
        .onSuccess(kind -> Json.ok(request, 200, kind.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void entry(RoutingContext request) {
    referentials.entry(request.pathParam("tenant"), request.pathParam("kind"), request.pathParam("code"))
        .onSuccess(entry -> entryJson(request, entry))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void override(RoutingContext request) {
    JsonObject body = Json.body(request);
    if (body.containsKey("label") && !(body.getValue("label") instanceof String)) {
      throw Problem.validation(List.of(new Problem.FieldError("label", "Un texte est attendu.")));
    }
    if (body.getValue("description") != null && !(body.getValue("description") instanceof String)) {
      throw Problem.validation(List.of(new Problem.FieldError("description", "Un texte est attendu.")));
    }
    referentials.override(request.pathParam("tenant"), request.pathParam("kind"), request.pathParam("code"),
            body.getString("label"), body.getValue("description") == null ? null : body.getValue("description").toString(),
            Versions.expected(request, body.getValue(Versions.FIELD)), RequestContext.of(request).actor(),
            RequestContext.of(request).requestId())
        .onSuccess(entry -> entryJson(request, entry))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void reset(RoutingContext request) {
    referentials.reset(request.pathParam("tenant"), request.pathParam("kind"), request.pathParam("code"),
            Versions.expected(request, request.queryParams().get(Versions.FIELD)), RequestContext.of(request).actor(),
            RequestContext.of(request).requestId())
        .onSuccess(entry -> entryJson(request, entry))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void export(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    referentials.export(tenant)
        .map(data -> ReferentialsFile.write("Exporté de Pacte (département " + tenant + ") : surcharges des référentiels"
            + " nationaux et territoires propres.\nFormat : tenants/README.md. Réimportable tel quel.", data))
        .onSuccess(yaml -> request.response().putHeader("Content-Type", "application/yaml; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"" + ReferentialsFile.FILE_NAME + "\"").end(yaml))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private static void entryJson(RoutingContext request, EntryView entry) {
    Versions.ok(request, 200, entry.version(), entry.toJson());
  }

  private static JsonObject areaJson(TenantReferentials.Area area) {
    return new JsonObject().put("layer", area.layer()).put("code", area.code()).put("name", area.name())
        .put("validFrom", area.validFrom() == null ? null : area.validFrom().toString())
        .put("validTo", area.validTo() == null ? null : area.validTo().toString())
        .put("communes", new JsonArray(area.communes().stream()
            .map(c -> new JsonObject().put("insee", c.insee()).put("name", c.name())).toList()))
        .put("notes", new JsonArray(area.notes()));
  }
}

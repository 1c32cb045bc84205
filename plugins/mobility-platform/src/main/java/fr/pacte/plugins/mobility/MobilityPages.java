package fr.pacte.plugins.mobility;

import fr.pacte.api.PluginContext;
import fr.pacte.api.TenantScope;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Page routes under {@code /t/{tenant}/modules/mobility-platform/}. Plain HTML forms with post/redirect/get,
 * so the page works without JavaScript and under a strict Content-Security-Policy.
 */
final class MobilityPages {

  /** Query parameter set by the redirect after a successful save, to show a confirmation. */
  static final String SAVED_PARAM = "enregistre";

  private final PluginContext context;
  private final Solicitations solicitations;

  MobilityPages(PluginContext context, Solicitations solicitations) {
    this.context = context;
    this.solicitations = solicitations;
  }

  void mount(Router router) {
    router.get("/").handler(this::home);
    router.post("/solicitations").handler(this::submit);
  }

  private void home(RoutingContext ctx) {
    String path = ctx.request().path();
    if (!path.endsWith("/")) {
      // The form posts to "./solicitations", which only resolves under the module's root with its slash.
      String query = ctx.request().query();
      ctx.redirect(path + "/" + (query == null ? "" : "?" + query));
      return;
    }
    TenantScope tenant = context.tenant(ctx);
    boolean saved = "1".equals(ctx.request().getParam(SAVED_PARAM));
    render(ctx, tenant, HomePage.Form.blank(solicitations.today(tenant)), saved);
  }

  private void submit(RoutingContext ctx) {
    TenantScope tenant = context.tenant(ctx);
    SolicitationInput.Parsed parsed = SolicitationInput.parse(ctx.request().formAttributes(), solicitations.today(tenant));
    if (!parsed.valid()) {
      ctx.response().setStatusCode(400);
      render(ctx, tenant, HomePage.Form.of(parsed), false);
      return;
    }
    TenantTerritories.names(context, tenant).compose(names -> {
      fr.pacte.api.FieldError unknown = TenantTerritories.check(parsed.input().territory(), names);
      if (unknown != null) {
        ctx.response().setStatusCode(400);
        render(ctx, tenant, new HomePage.Form(parsed.values(), java.util.List.of(unknown)), false);
        return io.vertx.core.Future.<Void>succeededFuture();
      }
      return solicitations.record(tenant, parsed.input()).onSuccess(saved -> ctx.response()
          .setStatusCode(303)
          .putHeader("Location", "./?" + SAVED_PARAM + "=1")
          .end()).<Void>mapEmpty();
    }).onFailure(ctx::fail);
  }

  private void render(RoutingContext ctx, TenantScope tenant, HomePage.Form form, boolean saved) {
    solicitations.overview(tenant, HomePage.LATEST)
        .compose(overview -> TenantTerritories.names(context, tenant).compose(choices -> context.pages().render(ctx,
            HomePage.title(form), HomePage.TEMPLATE, HomePage.model(MobilityPlatformActionType.DESCRIPTOR, overview, form,
                solicitations.today(tenant), TenantSettings.territories(tenant.configuration()), choices, saved))))
        .onFailure(error -> {
          if (!ctx.response().ended()) {
            ctx.fail(error);
          }
        });
  }
}

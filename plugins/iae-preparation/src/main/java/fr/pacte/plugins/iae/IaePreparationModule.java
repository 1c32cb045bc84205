package fr.pacte.plugins.iae;

import fr.pacte.api.NavigationEntry;
import fr.pacte.api.PacteModule;
import fr.pacte.api.PluginContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.pf4j.Extension;

/**
 * The équilibre émotionnel et psychologique module: the fiche as JSON ({@code GET descriptor}) and as a page.
 * It keeps no table of its own.
 */
@Extension
public class IaePreparationModule implements PacteModule {

  @Override
  public void apiRoutes(Router router, PluginContext context) {
    router.get("/descriptor").handler(ctx -> ctx.json(IaePreparationActionType.DESCRIPTOR.toJson()));
  }

  @Override
  public void pageRoutes(Router router, PluginContext context) {
    router.get("/").handler(ctx -> fiche(ctx, context));
  }

  private static void fiche(RoutingContext ctx, PluginContext context) {
    context.pages().render(ctx, FichePage.title(IaePreparationActionType.DESCRIPTOR), FichePage.TEMPLATE,
            FichePage.model(IaePreparationActionType.DESCRIPTOR))
        .onFailure(error -> {
          if (!ctx.response().ended()) {
            ctx.fail(error);
          }
        });
  }

  @Override
  public List<NavigationEntry> navigation() {
    return List.of(new NavigationEntry(IaePreparationActionType.DESCRIPTOR.label(), ""));
  }
}

package fr.pacte.plugins.psychological;

import fr.pacte.api.NavigationEntry;
import fr.pacte.api.PacteModule;
import fr.pacte.api.PluginContext;
import io.vertx.ext.web.Router;
import java.util.List;
import org.pf4j.Extension;

/**
 * The équilibre émotionnel et psychologique module: the fiche as a page (the host serves it as JSON at {@code GET descriptor}),
 * the host's standard one ({@link fr.pacte.api.Pages#renderFiche}). It keeps no table of its own.
 */
@Extension
public class PsychologicalSupportModule implements PacteModule {

  @Override
  public void pageRoutes(Router router, PluginContext context) {
    router.get("/").handler(ctx -> context.pages().renderFiche(ctx, PsychologicalSupportActionType.DESCRIPTOR)
        .onFailure(error -> {
          if (!ctx.response().ended()) {
            ctx.fail(error);
          }
        }));
  }

  @Override
  public List<NavigationEntry> navigation() {
    return List.of(new NavigationEntry(PsychologicalSupportActionType.DESCRIPTOR.label(), ""));
  }
}

package org.example.pacte.garde;

import fr.pacte.api.NavigationEntry;
import fr.pacte.api.PacteModule;
import fr.pacte.api.PluginContext;
import io.vertx.ext.web.Router;
import java.util.List;
import org.pf4j.Extension;

/** The fiche as a page, the host's standard one, and its entry in the menu; the host serves the descriptor. */
@Extension
public class ChildcareModule implements PacteModule {

  @Override
  public void pageRoutes(Router router, PluginContext context) {
    router.get("/").handler(ctx -> context.pages().renderFiche(ctx, ChildcareActionType.DESCRIPTOR)
        .onFailure(error -> {
          if (!ctx.response().ended()) {
            ctx.fail(error);
          }
        }));
  }

  @Override
  public List<NavigationEntry> navigation() {
    return List.of(new NavigationEntry(ChildcareActionType.DESCRIPTOR.label(), ""));
  }
}

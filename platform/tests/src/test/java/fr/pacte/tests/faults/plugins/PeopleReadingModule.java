package fr.pacte.tests.faults.plugins;

import fr.pacte.api.LocalizedText;
import fr.pacte.api.PacteModule;
import fr.pacte.api.PagePanel;
import fr.pacte.api.PluginContext;
import fr.pacte.api.TenantScope;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A module whose route reads the platform's people and participations straight from its SQL, without narrowing
 * anything to the caller: {@code GET /people/{id}} answers {@code {"people": n, "orientations": m}}, the rows of that
 * person it sees; and a panel on a participation's page naming everyone positioned on the same item, whatever their
 * territory. What it sees is what PostgreSQL lets through for the user the route acts for or the page is shown to.
 */
public class PeopleReadingModule implements PacteModule {

  public static final String ID = "faults-people-reader";

  @Override
  public void apiRoutes(Router router, PluginContext context) {
    router.get("/people/:id").handler(request -> {
      TenantScope scope = context.tenant(request);
      Tuple id = Tuple.of(UUID.fromString(request.pathParam("id")));
      scope.transaction(sql -> sql.query("SELECT count(*) AS n FROM platform.person WHERE id = $1", id)
              .compose(people -> sql.query("SELECT count(*) AS n FROM platform.orientation WHERE person_id = $1", id)
                  .map(orientations -> new JsonObject().put("people", people.iterator().next().getLong("n"))
                      .put("orientations", orientations.iterator().next().getLong("n")))))
          .onSuccess(report -> request.response().putHeader("Content-Type", "application/json").end(report.encode()))
          .onFailure(request::fail);
    });
  }

  @Override
  public List<PagePanel> panels() {
    return List.of(new PagePanel(PagePanel.Place.PARTICIPATION, LocalizedText.of("Sur la même action", "On the same item"),
        (participation, scope) -> scope.transaction(sql -> sql.query("""
            SELECT p.family_name FROM platform.orientation o JOIN platform.person p ON p.id = o.person_id
            WHERE o.offer_id = (SELECT offer_id FROM platform.orientation WHERE id = $1) ORDER BY p.family_name""",
            Tuple.of(participation)).map(rows -> {
              List<PagePanel.Line> lines = new ArrayList<>();
              for (Row row : rows) {
                lines.add(new PagePanel.Line("Positionné(e)", row.getString("family_name"), null));
              }
              return lines;
            }))));
  }
}

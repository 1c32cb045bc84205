package fr.pacte.tests.faults.plugins;

import fr.pacte.api.PacteModule;
import fr.pacte.api.PluginContext;
import fr.pacte.api.TenantScope;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * A module whose route reads the platform's people and participations straight from its SQL, without narrowing
 * anything to the caller: {@code GET /people/{id}} answers {@code {"people": n, "orientations": m}}, the rows of that
 * person it sees. What it sees is what PostgreSQL lets through for the user the route acts for.
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
}

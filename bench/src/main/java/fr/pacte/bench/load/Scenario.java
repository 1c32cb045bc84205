package fr.pacte.bench.load;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The month-end peak: référents checking an item's live capacity before orienting someone, operators entering
 * follow-ups and saving their monthly reports, the direction and territory agents opening their dashboards, the public
 * offer and its data·inclusion export, logins. Its fixtures (people, items, participations, reports) are read from
 * Pacte's own API once, so that both Pacte and the raw baseline are sent exactly the same requests.
 *
 * <p>Weights are the share of each route in the mix: reads dominate as they do at month end; a login is rare (a session
 * lasts the day) but costs a password hash.
 */
public final class Scenario {

  public static final String CAPACITY = "capacity-check";
  public static final String FOLLOW_UP = "follow-up";
  public static final String REPORT = "monthly-report";
  public static final String DASHBOARD_DIRECTION = "dashboard-direction";
  public static final String DASHBOARD_TERRITORY = "dashboard-territory";
  public static final String PUBLIC_OFFER = "public-offer";
  public static final String DATA_INCLUSION = "data-inclusion";
  public static final String LOGIN = "login";

  private final List<Route> routes;
  private final Set<String> accounts;
  private final List<String> acknowledged;

  private Scenario(List<Route> routes, Set<String> accounts, List<String> acknowledged) {
    this.routes = routes;
    this.accounts = accounts;
    this.acknowledged = acknowledged;
  }

  /**
   * Every write answered with a 2xx so far, as {@code <path>#<version it made>}: what must be in the database
   * afterwards, whatever happened to the node that answered.
   */
  public List<String> acknowledged() {
    return acknowledged;
  }

  /** Every route, for the mixed scenario. */
  public List<Route> routes() {
    return routes;
  }

  /** The routes named, in the scenario's order (all of them when the list is empty). */
  public List<Route> only(List<String> names) {
    if (names.isEmpty()) {
      return routes;
    }
    List<Route> chosen = routes.stream().filter(route -> names.contains(route.name())).toList();
    if (chosen.size() != names.size()) {
      throw new IllegalArgumentException("unknown route among " + names + "; routes: "
          + routes.stream().map(Route::name).toList());
    }
    return chosen;
  }

  /** The accounts ({@code tenant/username}) the routes send requests as. */
  public Set<String> accounts() {
    return accounts;
  }

  /**
   * Reads the fixtures of a tenant from Pacte through the demonstration accounts: the référent's open participations
   * (person, item, territory), the operator's participations under way and its draft reports.
   */
  public static Scenario discover(LoadDriver driver, LoadDriver.Target pacte, String tenant, String territoryAgent) {
    String referent = tenant + "/referent";
    String operator = tenant + "/association";
    String direction = tenant + "/pilotage";
    String agent = territoryAgent == null ? null : tenant + "/" + territoryAgent;
    Set<String> accounts = new TreeSet<>(List.of(referent, operator, direction));
    if (agent != null) {
      accounts.add(agent);
    }
    Map<String, String> cookies = driver.signIn(pacte, accounts);
    String api = "/api/tenants/" + tenant;

    List<String> checks = new ArrayList<>();
    for (Object o : array(driver.send(pacte, cookies, Route.Call.get(referent, api + "/orientations")))) {
      JsonObject orientation = (JsonObject) o;
      String path = api + "/persons/" + orientation.getString("person") + "/eligibility?offer="
          + orientation.getString("offer") + "&territory=" + orientation.getString("territory");
      if (!checks.contains(path) && driver.send(pacte, cookies, Route.Call.get(referent, path)).statusCode() == 200) {
        checks.add(path);
      }
    }
    Deque<Versioned> participations = new ArrayDeque<>();
    for (Object o : array(driver.send(pacte, cookies, Route.Call.get(operator, api + "/orientations?state=in")))) {
      JsonObject orientation = (JsonObject) o;
      participations.add(new Versioned(api + "/orientations/" + orientation.getString("id") + "/fields",
          orientation.getInteger("version")));
    }
    Deque<Versioned> reports = new ArrayDeque<>();
    for (Object o : array(driver.send(pacte, cookies, Route.Call.get(operator, api + "/reports")))) {
      JsonObject report = (JsonObject) o;
      if ("draft".equals(report.getString("state"))) {
        reports.add(new Versioned(api + "/reports/" + report.getString("id"), report.getInteger("version")));
      }
    }
    if (checks.isEmpty() || participations.isEmpty() || reports.isEmpty()) {
      throw new IllegalStateException("tenant " + tenant + " lacks fixtures: " + checks.size() + " capacity checks, "
          + participations.size() + " participations under way, " + reports.size() + " draft reports");
    }

    List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Route> routes = new ArrayList<>();
    routes.add(new Route(CAPACITY, 25, random -> Route.Call.get(referent, checks.get(random.nextInt(checks.size())))));
    routes.add(new Route(FOLLOW_UP, 15, random -> versionedPut(operator, participations, acknowledged,
        new JsonObject().put("fields", new JsonObject()).put("note", "Suivi du mois saisi."))));
    routes.add(new Route(REPORT, 8, random -> versionedPut(operator, reports, acknowledged,
        new JsonObject().put("comment", "Mois conforme au prévisionnel."))));
    routes.add(new Route(DASHBOARD_DIRECTION, 8, random -> Route.Call.get(direction, "/t/" + tenant + "/tableaux-de-bord")));
    if (agent != null) {
      routes.add(new Route(DASHBOARD_TERRITORY, 8, random -> Route.Call.get(agent, "/t/" + tenant + "/tableaux-de-bord")));
    }
    routes.add(new Route(PUBLIC_OFFER, 25, random -> Route.Call.get(null, "/t/" + tenant + "/offre")));
    routes.add(new Route(DATA_INCLUSION, 8, random -> Route.Call.get(null, api + "/offer/data-inclusion")));
    JsonObject login = new JsonObject().put("username", "referent").put("password", LoadDriver.DEMO_PASSWORD);
    routes.add(new Route(LOGIN, 3, random -> new Route.Call(null, HttpMethod.POST, api + "/session", login,
        Route.Answered.NOTHING)));
    return new Scenario(List.copyOf(routes), Set.copyOf(accounts), acknowledged);
  }

  /**
   * A row written with its version; taken while a request writes it, given back with the version answered (kept out
   * after an answer other than a 2xx).
   */
  private static final class Versioned {
    final String path;
    int version;

    Versioned(String path, int version) {
      this.path = path;
      this.version = version;
    }
  }

  private static Route.Call versionedPut(String account, Deque<Versioned> free, List<String> acknowledged,
                                          JsonObject body) {
    Versioned row = free.poll();
    if (row == null) {
      return null;
    }
    return new Route.Call(account, HttpMethod.PUT, row.path, body.copy().put("version", row.version), (json, ok) -> {
      if (ok && json != null && json.getInteger("version") != null) {
        row.version = json.getInteger("version");
        acknowledged.add(row.path + "#" + row.version);
        free.add(row);
      }
      // Otherwise the write's outcome is unknown (a node killed after its commit, before its answer: nginx answers
      // 502), and so is the row's version: the row leaves the rotation, where its every next write would be a 409.
    });
  }

  private static JsonArray array(HttpResponse<Buffer> answer) {
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("fixtures: " + answer.statusCode() + " " + answer.bodyAsString());
    }
    return answer.bodyAsJsonArray();
  }
}

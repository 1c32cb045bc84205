package fr.pacte.bench.load;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One kind of request users make (e.g. a référent's live capacity check), sent the same way to Pacte and to the raw
 * baseline. {@code next} picks the concrete request, or answers null when every resource it writes is in use (a
 * versioned write is never sent twice at once on one row, as a person would not).
 *
 * @param name   the route's name in the report
 * @param weight its share of the mixed month-end scenario
 * @param next   the next request of this route
 */
public record Route(String name, int weight, Function<Random, Call> next) {

  /**
   * One request.
   *
   * @param account  who sends it ({@code tenant/username}, signed in beforehand), or null for an anonymous caller
   * @param method   HTTP method
   * @param path     path and query
   * @param body     JSON body, or null
   * @param answered called with the JSON answer (null if not JSON) and whether it was a 2xx, e.g. to keep the version
   *                 a versioned write must send next and to give its row back
   */
  public record Call(String account, HttpMethod method, String path, JsonObject body, Answered answered) {

    public static Call get(String account, String path) {
      return new Call(account, HttpMethod.GET, path, null, Answered.NOTHING);
    }
  }

  /** What to do with an answer. */
  @FunctionalInterface
  public interface Answered {
    Answered NOTHING = (json, ok) -> { };

    void accept(JsonObject json, boolean ok);

    static Answered then(Consumer<JsonObject> action) {
      return (json, ok) -> action.accept(json);
    }
  }
}

package fr.pacte.server.platform;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * One step of the chain, as the node runs it: each package has one feature that builds its store, service and
 * routes (in its constructor, from the features it builds on) and declares here what the node does with it.
 *
 * <p>The node calls every hook on every feature in the order of its list, phase after phase: {@link #seed} (the
 * tenants' files), {@link #start} (work that needs every tenant in place), {@link #navigation}, {@link #onSignal}
 * registration, then the router: every {@link #filter}, every {@link #mount}, every {@link #fallback}. Stopping
 * calls {@link #close} in reverse order. Every hook has a default that does nothing.
 */
public interface Feature {

  /** Applies this feature's files of {@code tenants/<slug>/}, each once per content (see {@link TenantSeeds}). */
  default Future<Void> seed(TenantSeeds seeds) {
    return Future.succeededFuture();
  }

  /** Work that needs every feature seeded: demonstration data, identity realms. */
  default Future<Void> start() {
    return Future.succeededFuture();
  }

  /** The host pages this feature adds to every tenant's navigation bar. */
  default List<TenantPage> navigation() {
    return List.of();
  }

  /** A cluster signal from any node (this one included), after the transaction that sent it committed. */
  default void onSignal(JsonObject signal) {
  }

  /**
   * Handlers every request passes before its body is read. They must answer or call {@code next()} at once:
   * nothing asynchronous before the body handler, or the body would be lost.
   */
  default void filter(Router router) {
  }

  /** Routes and handlers that run once the body is read. */
  default void mount(Router router) {
  }

  /** What answers when no route did, and what renders failures: after every feature's routes. */
  default void fallback(Router router) {
  }

  /** Releases what the feature holds (connections, plugins); called in reverse order. */
  default void close() {
  }
}

package fr.pacte.tests.faults.plugins;

import fr.pacte.api.EventListener;
import fr.pacte.api.PacteModule;
import fr.pacte.api.PluginContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A module that tries to hear every tenant's domain events: through its declared listeners (the API's way) and on
 * the host's event bus, the widest way a 1.x plugin has (the deprecated {@code eventBus()}), with interceptors that
 * see every message sent or delivered on the node and a consumer on the address the host once published events on.
 * {@code GET /overheard} reports all it gathered, from every tenant, as JSON:
 * <ul>
 *   <li>{@code listened}: {@code {tenant: ["type payload", …]}} from its listeners;</li>
 *   <li>{@code bus}: {@code ["address body", …]} of everything that crossed the event bus.</li>
 * </ul>
 * At start it sends one message on an address of its own, so the report shows the interceptors do hear the bus.
 * {@code GET /tasks} runs blocking work and timers through {@code tasks()} and reports what happened.
 */
public class EavesdroppingModule implements PacteModule {

  public static final String ID = "faults-eavesdropper";
  /** The address it sends itself a message on at start, and that message. */
  public static final String OWN_ADDRESS = "faults.eavesdropper.self-test";
  public static final String OWN_MESSAGE = "bus heard";
  /** The address the host published every tenant's domain events on, up to API 1.2.0. */
  public static final String OLD_EVENTS_ADDRESS = "pacte.domain-events";

  private final Map<String, List<String>> listened = new ConcurrentHashMap<>();
  private final List<String> bus = new CopyOnWriteArrayList<>();

  @Override
  @SuppressWarnings("removal")
  public void start(PluginContext context) {
    EventBus eventBus = context.eventBus();
    eventBus.addOutboundInterceptor(this::overhear);
    eventBus.addInboundInterceptor(this::overhear);
    eventBus.consumer(OLD_EVENTS_ADDRESS, message -> bus.add("consumer " + message.body()));
    context.vertx().eventBus().consumer(OWN_ADDRESS, message -> { });
    eventBus.send(OWN_ADDRESS, OWN_MESSAGE);
  }

  private void overhear(DeliveryContext<Object> delivery) {
    bus.add(delivery.message().address() + " " + delivery.message().body());
    delivery.next();
  }

  @Override
  public List<EventListener> listeners() {
    return List.of(listener("plugin.enabled"), listener(HealthyModule.PING));
  }

  private EventListener listener(String type) {
    return new EventListener(type, (event, scope) -> {
      listened.computeIfAbsent(scope.tenantId(), tenant -> new CopyOnWriteArrayList<>())
          .add(event.type() + " " + event.payload().encode() + (event.tenantId().equals(scope.tenantId()) ? "" : " !scope"));
      return Future.succeededFuture();
    });
  }

  @Override
  public void apiRoutes(Router router, PluginContext context) {
    router.get("/overheard").handler(request -> {
      JsonObject byTenant = new JsonObject();
      listened.forEach((tenant, events) -> byTenant.put(tenant, new JsonArray(List.copyOf(events))));
      request.json(new JsonObject().put("listened", byTenant).put("bus", new JsonArray(List.copyOf(bus))));
    });
    router.get("/tasks").handler(request -> {
      Promise<Boolean> fired = Promise.promise();
      AtomicBoolean cancelledFired = new AtomicBoolean();
      long cancelled = context.tasks().setTimer(Duration.ofMillis(30), () -> cancelledFired.set(true));
      boolean cancelAccepted = context.tasks().cancel(cancelled);
      context.tasks().executeBlocking(() -> Thread.currentThread().getName())
          .compose(worker -> {
            context.tasks().setTimer(Duration.ofMillis(100), () -> fired.complete(true));
            return fired.future().map(done -> worker);
          })
          .onSuccess(worker -> request.json(new JsonObject()
              .put("worker", worker)
              .put("timerFired", true)
              .put("cancelAccepted", cancelAccepted)
              .put("cancelledTimerFired", cancelledFired.get())
              .put("foreignCancelAccepted", context.tasks().cancel(Long.MAX_VALUE))))
          .onFailure(request::fail);
    });
  }
}

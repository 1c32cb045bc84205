package fr.pacte.api;

import io.vertx.core.Future;
import java.util.function.BiFunction;

/**
 * A module's reaction to a domain event, run with a scope bound to the event's tenant.
 *
 * @param eventType the {@link DomainEvent#type()} to listen to
 * @param handler   returns a future that completes when the reaction is done
 * @since 1.0.0
 */
public record EventListener(String eventType, BiFunction<DomainEvent, TenantScope, Future<Void>> handler) {
}

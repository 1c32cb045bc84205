package fr.pacte.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Something that happened in one tenant, e.g. {@code plugin.enabled}, {@code tenant.created}.
 * Listeners receive only the events of tenants where their module is enabled.
 *
 * @since 1.0.0
 */
public record DomainEvent(String type, String tenantId, JsonObject payload, Instant occurredAt) {
}

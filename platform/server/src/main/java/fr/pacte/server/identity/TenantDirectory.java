package fr.pacte.server.identity;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * What identity needs to know of tenants. Tenancy supplies it: tenancy depends on identity (for access), never the
 * reverse.
 */
public interface TenantDirectory {

  /** The active tenants' slugs. */
  List<String> slugs();

  /** The display name of an active tenant. */
  Optional<String> displayName(String slug);

  /** A tenant's territories, to scope accounts to. */
  Future<List<Territory>> territories(String slug);
}

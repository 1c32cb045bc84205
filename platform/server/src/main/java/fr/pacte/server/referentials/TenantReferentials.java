package fr.pacte.server.referentials;

import java.time.LocalDate;
import java.util.List;

/**
 * What a tenant sets in its référentiels: its overrides of national entries and its own areas (EPCI, PLIE…), as held
 * in the database and in {@code tenants/<slug>/referentiels.yaml}.
 */
public record TenantReferentials(List<Override> overrides, List<Area> areas) {

  /** A tenant's label (and optional description) for one national entry. */
  public record Override(String kind, String code, String label, String description) {
  }

  /** An area of a layer, valid between two optional dates, with its communes where known. */
  public record Area(String layer, String code, String name, LocalDate validFrom, LocalDate validTo,
                     List<Commune> communes, List<String> notes) {
  }

  /** A commune by its INSEE code. */
  public record Commune(String insee, String name) {
  }
}

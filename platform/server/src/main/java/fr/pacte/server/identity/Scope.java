package fr.pacte.server.identity;

import java.util.Set;

/**
 * What narrows a tenant role: nothing (the whole tenant), some territories, or one organisation.
 *
 * @param territories  territory codes the holder works on; empty means no territorial restriction
 * @param organisation the organisation (operator, association) the holder acts for, or null
 */
public record Scope(Set<String> territories, String organisation) {

  public Scope {
    territories = territories == null ? Set.of() : Set.copyOf(territories);
  }

  public static Scope wholeTenant() {
    return new Scope(Set.of(), null);
  }

  public static Scope territories(String... codes) {
    return new Scope(Set.of(codes), null);
  }

  public static Scope organisation(String organisation) {
    return new Scope(Set.of(), organisation);
  }

  public boolean isWholeTenant() {
    return territories.isEmpty() && organisation == null;
  }

  /** Whether data of {@code territory} is within this scope. */
  public boolean coversTerritory(String territory) {
    return organisation == null && (territories.isEmpty() || territories.contains(territory));
  }

  /** Whether data of {@code organisationId} is within this scope. */
  public boolean coversOrganisation(String organisationId) {
    return organisation == null ? territories.isEmpty() : organisation.equals(organisationId);
  }

  /** How pages show it, in French. */
  public String label() {
    if (isWholeTenant()) {
      return "Tout le département";
    }
    if (organisation != null) {
      return "Organisation : " + organisation;
    }
    return "Territoires : " + String.join(", ", territories.stream().sorted().toList());
  }
}

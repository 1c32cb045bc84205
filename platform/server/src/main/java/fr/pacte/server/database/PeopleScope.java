package fr.pacte.server.database;

import java.util.Set;

/**
 * Whose people a module's SQL may read when it acts for a user (the {@code people_scope} row-level security policies
 * on people and participations): the whole tenant, some territories, the people positioned on an organisation's
 * items, a référent's own people, or nobody.
 *
 * @param kind  {@code tenant}, {@code territories}, {@code organisation}, {@code referent} or {@code nobody}
 * @param value territory codes joined by commas, the organisation, or the référent's username; empty otherwise
 */
public record PeopleScope(String kind, String value) {

  public static PeopleScope wholeTenant() {
    return new PeopleScope("tenant", "");
  }

  public static PeopleScope territories(Set<String> codes) {
    return new PeopleScope("territories", String.join(",", codes));
  }

  public static PeopleScope organisation(String organisation) {
    return new PeopleScope("organisation", organisation);
  }

  public static PeopleScope referent(String username) {
    return new PeopleScope("referent", username);
  }

  public static PeopleScope nobody() {
    return new PeopleScope("nobody", "");
  }
}

package fr.pacte.server.pathways;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.pacte.api.Role;
import fr.pacte.server.identity.Scope;
import fr.pacte.server.identity.users.UserDirectory.User;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The digest of entries goes to the active territory agents with an address, whichever directory keeps them. */
class EntryDigestRecipientsTest {

  private static User user(String username, String email, Set<Role> roles, Scope scope, boolean active) {
    return new User(username, "subject-" + username, username, username, email, roles, scope, active, "1");
  }

  @Test
  void onlyActiveTerritoryAgentsWithAnAddressReceiveTheDigestOfTheirTerritories() {
    List<User> users = List.of(
        user("b.amiens", "b@somme.example", Set.of(Role.TERRITORY_AGENT), Scope.territories("amiens"), true),
        user("a.deux", "a@somme.example", Set.of(Role.TERRITORY_AGENT), Scope.territories("amiens", "picardie-maritime"), true),
        user("sans.adresse", null, Set.of(Role.TERRITORY_AGENT), Scope.territories("amiens"), true),
        user("parti", "parti@somme.example", Set.of(Role.TERRITORY_AGENT), Scope.territories("amiens"), false),
        user("pilote", "pilote@somme.example", Set.of(Role.PROGRAMME_MANAGER), Scope.territories("amiens"), true));
    assertEquals(Map.of("amiens", List.of("a@somme.example", "b@somme.example"),
        "picardie-maritime", List.of("a@somme.example")), EntryDigest.agents(users));
  }
}

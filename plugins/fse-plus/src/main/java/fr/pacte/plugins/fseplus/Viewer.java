package fr.pacte.plugins.fseplus;

import fr.pacte.api.Caller;
import fr.pacte.api.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a caller may see of the participants: the sensitive characteristics only for the roles that collect or report
 * them (the Département's administrator and programme manager, the référent), and only the participants of their
 * territories for a territory agent.
 */
record Viewer(Caller caller) {

  static final Set<Role> SENSITIVE_READERS = EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.REFERENT);

  boolean readsSensitive() {
    return caller.roles().stream().anyMatch(SENSITIVE_READERS::contains);
  }

  boolean sees(Participant participant) {
    return caller.territories().isEmpty() || caller.territories().contains(participant.territory());
  }

  List<Participant> visible(List<Participant> participants) {
    return participants.stream().filter(this::sees).toList();
  }
}

package fr.pacte.server.programmes;

import fr.pacte.server.text.Coded;

/**
 * How the host computes a programme action's indicator from the pathway data, over the offer items that serve the
 * action: one of a fixed list, the same kinds of figures as the action types' indicators. {@link #ENTERED} says the
 * programme manager enters it per period, with its source (it overrides a measure the programme's file declares).
 */
public enum ProgrammeMeasure implements Coded {
  ORIENTATIONS("orientations", "orientations"),
  ENTRIES("entries", "entrées"),
  PEOPLE_FOLLOWED("people-followed", "personnes suivies (file active au début de la période et entrées)"),
  EXITS("exits", "sorties"),
  POSITIVE_EXIT_RATE("positive-exit-rate", "taux de sortie positive (sorties positives ÷ sorties, en %)"),
  MEAN_DURATION_DAYS("mean-duration-days", "durée moyenne en jours des accompagnements terminés"),
  WORKSHOP_SESSIONS("workshop-sessions", "séances d'atelier tenues"),
  PARTICIPANTS_PER_SESSION("participants-per-session", "présents par séance d'atelier"),
  SESSIONS_PER_PARTICIPANT("sessions-per-participant", "séances suivies par participant"),
  WAITING_END("waiting-end", "personnes en liste d'attente à la fin de la période"),
  ENTERED("entered", "à saisir par le service du programme");

  private final String code;
  private final String label;

  ProgrammeMeasure(String code, String label) {
    this.code = code;
    this.label = label;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public String label() {
    return label;
  }

  /** Whether the measure reads exit types: some for {@link #EXITS} (none: every exit), at least one for the rate. */
  public boolean readsExitTypes() {
    return this == EXITS || this == POSITIVE_EXIT_RATE;
  }

  /** The codes, in order, as the YAML file and the API write them. */
  public static String codes() {
    return String.join(", ", java.util.Arrays.stream(values()).map(ProgrammeMeasure::code).toList());
  }
}

package fr.pacte.api;

/**
 * How an action type works with people: a file active followed individually, or a programme of workshops.
 *
 * @since 1.0.0
 */
public enum FollowUpMode {
  INDIVIDUAL_FOLLOW_UP(LocalizedText.of("Accompagnement individuel (file active)", "Individual follow-up (active caseload)")),
  COLLECTIVE_WORKSHOPS(LocalizedText.of("Ateliers collectifs", "Collective workshops"));

  private final LocalizedText label;

  FollowUpMode(LocalizedText label) {
    this.label = label;
  }

  public LocalizedText label() {
    return label;
  }
}

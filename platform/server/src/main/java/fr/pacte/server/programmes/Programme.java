package fr.pacte.server.programmes;

import java.time.LocalDate;
import java.util.List;

/**
 * A policy programme (PDI, PTI, combined PDI/PTI, territorial pact, schéma des solidarités) as a département
 * adopted it: axes → fiches → actions with their indicators, territorial roadmaps, partners' commitments,
 * signatories and governance bodies. Text is kept as published; {@code notes} record what the source gets wrong.
 */
public record Programme(
    String code, Kind kind, String title, LocalDate from, LocalDate to, LocalDate adoptedOn, String territory,
    String supersedes, List<Revision> revisions, String summary, List<String> notes, List<Signatory> signatories,
    List<Commitment> commitments, List<GovernanceBody> governance, List<Axis> axes, List<Roadmap> roadmaps) {

  /** The kinds of programme the départements publish. */
  public enum Kind {
    PDI("pdi", "Programme départemental d'insertion"),
    PTI("pti", "Pacte territorial d'insertion"),
    PDI_PTI("pdi-pti", "PDI et Pacte territorial d'insertion"),
    PACTE_TERRITORIAL("pacte-territorial", "Pacte territorial"),
    SCHEMA_SOLIDARITES("schema-solidarites", "Schéma des solidarités");

    private final String code;
    private final String label;

    Kind(String code, String label) {
      this.code = code;
      this.label = label;
    }

    public String code() {
      return code;
    }

    public String label() {
      return label;
    }

    public static java.util.Optional<Kind> fromCode(String code) {
      return java.util.Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst();
    }
  }

  public record Revision(LocalDate date, String note) {
  }

  public record Signatory(String name, String representedBy) {
  }

  /** A partner's "engagements réciproques". */
  public record Commitment(String partner, List<String> items) {
  }

  public record GovernanceBody(String code, String name, String role, List<String> members, String cadence,
                               List<Meeting> meetings) {
  }

  public record Meeting(LocalDate date, List<String> participants, List<String> decisions, String minutes) {
  }

  public record Axis(String code, String title, String description, String status, String planned, List<String> notes,
                     List<Fiche> fiches) {
  }

  public record Fiche(String code, String title, String startingSituation, String desiredSituation, List<String> notes,
                      List<Action> actions) {
  }

  public record Action(String code, String title, String description, String targetPublic, List<String> pilots,
                       List<String> partners, String calendar, List<Indicator> indicators, List<String> notes) {
  }

  /**
   * A follow-up indicator; most seeds publish no unit, period or target.
   *
   * @param computed how the data gives it, as the programme's file declares it, or null (entered by hand)
   */
  public record Indicator(String name, String unit, String period, String target, Computed computed) {

    public Indicator(String name, String unit, String period, String target) {
      this(name, unit, period, target, null);
    }
  }

  /**
   * A measure computed over the offer items serving the action (and its sub-actions when {@code withSubActions}).
   *
   * @param exitTypes the exit types counted ({@link ProgrammeMeasure#EXITS}, none for all) or counted as positive
   *                  ({@link ProgrammeMeasure#POSITIVE_EXIT_RATE})
   */
  public record Computed(ProgrammeMeasure measure, List<String> exitTypes, boolean withSubActions) {

    public Computed {
      exitTypes = exitTypes == null ? List.of() : List.copyOf(exitTypes);
    }
  }

  /** A territory's "feuille de route". */
  public record Roadmap(String territory, String title, List<Chantier> chantiers) {
  }

  public record Chantier(String code, String title, String description, List<String> partners, List<String> actions,
                         List<String> notes) {
  }

  public int ficheCount() {
    return axes.stream().mapToInt(axis -> axis.fiches().size()).sum();
  }

  public int actionCount() {
    return axes.stream().flatMap(axis -> axis.fiches().stream()).mapToInt(fiche -> fiche.actions().size()).sum();
  }
}

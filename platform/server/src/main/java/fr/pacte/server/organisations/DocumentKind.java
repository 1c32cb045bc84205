package fr.pacte.server.organisations;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a call for projects asks an organisation to attach (seed 002: statutes, CVs of the staff, the last activity
 * report approved by the board, the board's composition, RIB or RIP), plus attestations that expire.
 * {@code named} kinds hold several documents told apart by their label (one CV per person, one per attestation).
 */
public enum DocumentKind {
  STATUTS("statuts", "Statuts", false),
  RIB("rib", "RIB ou RIP", false),
  CV("cv", "CV d'un intervenant", true),
  RAPPORT_ACTIVITE("rapport-activite", "Dernier rapport d'activité approuvé", false),
  COMPOSITION_GOUVERNANCE("composition-gouvernance", "Composition du conseil d'administration et du bureau", false),
  ATTESTATION("attestation", "Attestation", true),
  /** A project's synthetic descriptive sheet, for prescribers and the public; one per action, told apart by label. */
  FICHE_SYNTHETIQUE("fiche-synthetique", "Fiche descriptive synthétique de l'action", true),
  /** The modelling of the follow-up, or the draft programme of workshops, of one action. */
  MODELISATION("modelisation", "Modélisation de l'accompagnement ou préprojet de programmation d'ateliers", true);

  private final String code;
  private final String label;
  private final boolean named;

  DocumentKind(String code, String label, boolean named) {
    this.code = code;
    this.label = label;
    this.named = named;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  /** Whether an organisation may hold several documents of this kind, each with its own label. */
  public boolean named() {
    return named;
  }

  /** Attestations carry the date until which they are valid. */
  public boolean expires() {
    return this == ATTESTATION;
  }

  public static Optional<DocumentKind> of(String code) {
    return Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst();
  }
}

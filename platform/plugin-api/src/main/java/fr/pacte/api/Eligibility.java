package fr.pacte.api;

/**
 * Who may be positioned on an action of this type (seed 002, §II.B "Public éligible").
 *
 * @param kind             the rule
 * @param rsaQuotaPercent  for {@link Kind#OPEN_WITH_RSA_QUOTA}: the share of RSA recipients the operator must reach
 * @param statement        the rule as published, in French
 * @since 1.0.0
 */
public record Eligibility(Kind kind, Integer rsaQuotaPercent, LocalizedText statement) {

  /**
   * The kinds of eligibility rule of the fiches.
   *
   * @since 1.0.0
   */
  public enum Kind {
    /** Only people receiving the RSA. */
    RSA_ONLY,
    /** Everybody eligible to the insertion par l'activité économique. */
    IAE_ELIGIBLE,
    /** Open to all vulnerable people, with a minimum share of RSA recipients across the file active. */
    OPEN_WITH_RSA_QUOTA
  }

  public Eligibility {
    if (kind == Kind.OPEN_WITH_RSA_QUOTA && (rsaQuotaPercent == null || rsaQuotaPercent < 0 || rsaQuotaPercent > 100)) {
      throw new IllegalArgumentException("an RSA quota between 0 and 100 is required for OPEN_WITH_RSA_QUOTA");
    }
  }

  public static Eligibility rsaOnly(LocalizedText statement) {
    return new Eligibility(Kind.RSA_ONLY, null, statement);
  }

  public static Eligibility iaeEligible(LocalizedText statement) {
    return new Eligibility(Kind.IAE_ELIGIBLE, null, statement);
  }

  public static Eligibility openWithRsaQuota(int percent, LocalizedText statement) {
    return new Eligibility(Kind.OPEN_WITH_RSA_QUOTA, percent, statement);
  }

  /** Whether one person may enter; the quota of {@link Kind#OPEN_WITH_RSA_QUOTA} is checked on the file active, not here. */
  public boolean admits(boolean rsaRecipient, boolean iaeEligible) {
    return switch (kind) {
      case RSA_ONLY -> rsaRecipient;
      case IAE_ELIGIBLE -> iaeEligible;
      case OPEN_WITH_RSA_QUOTA -> true;
    };
  }
}

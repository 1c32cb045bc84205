package fr.pacte.api;

/**
 * Who may be positioned on an action of this type (seed 002, §II.B "Public éligible").
 *
 * @param kind             the rule
 * @param rsaQuotaPercent  for {@link Kind#OPEN_WITH_RSA_QUOTA}: the share of RSA recipients the operator must reach
 * @param statement        the rule as published, in French
 * @param rule             the rule's name: the call's for its three kinds, the action type's own for {@link Kind#OWN}
 *                         (since 1.4.0; never null once built)
 * @since 1.0.0
 */
public record Eligibility(Kind kind, Integer rsaQuotaPercent, LocalizedText statement, EligibilityRule rule) {

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
    OPEN_WITH_RSA_QUOTA,
    /**
     * A rule of the action type's own, named by its {@link EligibilityRule}: the host admits everybody and shows the
     * statement to the référent, who checks it.
     *
     * @since 1.4.0
     */
    OWN
  }

  public Eligibility {
    java.util.Objects.requireNonNull(kind, "kind");
    if (kind == Kind.OWN && rule == null) {
      throw new IllegalArgumentException("a rule of the action type's own (Kind.OWN) needs its EligibilityRule");
    }
    rule = rule == null ? EligibilityRule.of(kind) : rule;
    if (kind == Kind.OPEN_WITH_RSA_QUOTA && (rsaQuotaPercent == null || rsaQuotaPercent < 0 || rsaQuotaPercent > 100)) {
      throw new IllegalArgumentException("an RSA quota between 0 and 100 is required for OPEN_WITH_RSA_QUOTA");
    }
  }

  /**
   * The rule as built up to 1.3.0, named after its kind.
   *
   * @since 1.0.0
   */
  public Eligibility(Kind kind, Integer rsaQuotaPercent, LocalizedText statement) {
    this(kind, rsaQuotaPercent, statement, null);
  }

  /**
   * A rule of the action type's own, with its name and its statement as published (e.g. "Public en insertion,
   * sans quota").
   *
   * @since 1.4.0
   */
  public static Eligibility own(EligibilityRule rule, LocalizedText statement) {
    return new Eligibility(Kind.OWN, null, statement, java.util.Objects.requireNonNull(rule, "rule"));
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
      case OPEN_WITH_RSA_QUOTA, OWN -> true;
    };
  }
}

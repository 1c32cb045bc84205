package fr.pacte.api;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A convention d'objectifs et de moyens of the tenant, as a module reads it.
 *
 * @param id               the convention's id
 * @param reference        its reference, e.g. {@code CPOM-2026-001}
 * @param title            its title
 * @param organisationId   the signing organisation (the lead of a groupement)
 * @param organisationName the organisation's name
 * @param actionType       the action type's code, e.g. {@code plateforme-mobilite-solidaire}
 * @param periodStart      first day of the convention
 * @param periodEnd        last day of the convention
 * @param state            {@code draft}, {@code signed}, {@code running}, {@code ended} or {@code terminated}
 * @param territories      the territory codes of its objectives
 * @param offerId          the offer item whose places it funds, or null
 * @param years            budget per year of the terms in force
 * @since 1.4.0
 */
public record ConventionView(UUID id, String reference, String title, String organisationId, String organisationName,
                             String actionType, LocalDate periodStart, LocalDate periodEnd, String state,
                             List<String> territories, UUID offerId, List<Year> years) {

  public ConventionView {
    territories = List.copyOf(territories);
    years = List.copyOf(years);
  }

  /**
   * The budget of one year of the convention, in euro cents.
   *
   * @param year             1 for the first year of the convention
   * @param directCents      direct costs of the action
   * @param indirectCents    indirect costs
   * @param departementCents the Département's amount
   * @since 1.4.0
   */
  public record Year(int year, long directCents, long indirectCents, long departementCents) {

    public long totalCents() {
      return directCents + indirectCents;
    }
  }
}

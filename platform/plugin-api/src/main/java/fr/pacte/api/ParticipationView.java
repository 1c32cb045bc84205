package fr.pacte.api;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A person's participation in an action, with only what a cross-cutting module needs: no name, no contact.
 *
 * @param id             the participation (orientation) id
 * @param personId       the person's id, stable across their participations
 * @param birthDate      the person's birth date
 * @param gender         {@code woman}, {@code man} or {@code non-binary}, or null when the pathway does not hold it
 * @param rsaRecipient   whether the person received the RSA when oriented
 * @param territory      the territory code of the participation
 * @param actionType     the action type's code
 * @param offerId        the offer item the person is on
 * @param organisationId the organisation delivering it
 * @param state          {@code in} (entered) or {@code exited}
 * @param entryDate      the entry date
 * @param exitDate       the exit date, or null
 * @param exitType       the exit type's code (référentiel {@code exit-types}), or null
 * @since 1.4.0
 */
public record ParticipationView(UUID id, UUID personId, LocalDate birthDate, String gender, boolean rsaRecipient,
                                String territory, String actionType, UUID offerId, String organisationId, String state,
                                LocalDate entryDate, LocalDate exitDate, String exitType) {
}

package fr.pacte.server.pathways;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A person oriented onto actions, with the minimal data the département keeps: names, birth date, commune and
 * territory, optional contact, RSA status with the date it was checked, IAE eligibility where known, the référent de
 * parcours and their organisation, optional CAF/MSA and France Travail identifiers.
 */
public record Person(UUID id, Details details, boolean pseudonymised, int version) {

  /** What is entered for a person. {@code iaeEligible} null: not known. */
  public record Details(String familyName, String firstNames, LocalDate birthDate, String commune, String territory,
                        String email, String phone, boolean rsaRecipient, LocalDate rsaCheckedOn, Boolean iaeEligible,
                        String referentUsername, String referentName, String referentOrganisationKind,
                        String referentOrganisation, String cafNumber, String franceTravailId) {
  }

  public String displayName() {
    return details.familyName().toUpperCase(java.util.Locale.FRENCH) + (details.firstNames().isEmpty() ? "" : " " + details.firstNames());
  }

  public JsonObject toJson() {
    Details d = details;
    return new JsonObject()
        .put("id", id.toString())
        .put("familyName", d.familyName())
        .put("firstNames", d.firstNames())
        .put("birthDate", d.birthDate().toString())
        .put("commune", d.commune())
        .put("territory", d.territory())
        .put("email", d.email())
        .put("phone", d.phone())
        .put("rsaRecipient", d.rsaRecipient())
        .put("rsaCheckedOn", d.rsaCheckedOn() == null ? null : d.rsaCheckedOn().toString())
        .put("iaeEligible", d.iaeEligible())
        .put("referent", new JsonObject().put("username", d.referentUsername()).put("name", d.referentName())
            .put("organisationKind", d.referentOrganisationKind()).put("organisation", d.referentOrganisation()))
        .put("cafNumber", d.cafNumber())
        .put("franceTravailId", d.franceTravailId())
        .put("pseudonymised", pseudonymised)
        .put("version", version);
  }
}

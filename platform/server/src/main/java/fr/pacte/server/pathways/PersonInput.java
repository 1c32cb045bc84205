package fr.pacte.server.pathways;

import fr.pacte.server.web.FrenchDates;
import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/** Reads a person sent to the API (JSON) or from the page (the same JSON), with French reasons per field. */
public final class PersonInput {

  /** The organisations a référent de parcours belongs to (référentiel prescriber-types). */
  public static final List<String> REFERENT_KINDS = List.of("departement", "association-delegataire", "france-travail");

  private PersonInput() {
  }

  /** The person and whether the caller confirmed creating it despite possible duplicates. */
  public record Parsed(Person.Details details, boolean confirmDuplicates) {
  }

  /**
   * @param territories the tenant's territoires d'action sociale
   * @param referent    the caller when a référent (who follows the people they enter), else null
   */
  public static Parsed parse(JsonObject body, Set<String> territories, Person.Details referent, LocalDate today) {
    Fields f = Fields.of(body);
    String family = f.line("familyName", 100);
    String first = f.line("firstNames", 100);
    LocalDate birth = date(f, "birthDate", true);
    if (birth != null && (birth.isAfter(today) || birth.isBefore(today.minusYears(120)))) {
      f.error("birthDate", "La date de naissance doit être passée et vraisemblable.");
    }
    String commune = f.line("commune", 100);
    String territory = f.line("territory", 80);
    if (family == null) {
      f.error("familyName", "Indiquez le nom de famille.");
    }
    if (commune == null) {
      f.error("commune", "Indiquez la commune de résidence.");
    }
    if (territory == null) {
      f.error("territory", "Choisissez le territoire d'action sociale.");
    } else if (!territories.contains(territory)) {
      f.error("territory", "« " + territory + " » n'est pas un territoire d'action sociale de ce département.");
    }
    String email = f.line("email", 200);
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      f.error("email", "Adresse de courriel invalide.");
    }
    String phone = f.line("phone", 30);
    if (phone != null && !phone.matches("[+0-9 .()-]{6,30}")) {
      f.error("phone", "Numéro de téléphone invalide.");
    }
    Boolean rsa = f.bool("rsaRecipient");
    if (rsa == null && !f.has("rsaRecipient")) {
      f.error("rsaRecipient", "Indiquez si la personne est allocataire du RSA.");
    }
    LocalDate rsaChecked = date(f, "rsaCheckedOn", false);
    if (rsaChecked != null && rsaChecked.isAfter(today)) {
      f.error("rsaCheckedOn", "La date de vérification ne peut pas être dans le futur.");
    }
    if (Boolean.TRUE.equals(rsa) && rsaChecked == null && !f.has("rsaCheckedOn")) {
      f.error("rsaCheckedOn", "Indiquez la date à laquelle le droit au RSA a été vérifié.");
    }
    Boolean iae = blank(body.getValue("iaeEligible")) ? null : f.bool("iaeEligible");
    Fields r = f.object("referent");
    String referentUsername;
    String referentName;
    if (referent != null) {
      referentUsername = referent.referentUsername();
      referentName = referent.referentName();
    } else {
      referentUsername = r.line("username", 80);
      referentName = r.line("name", 120);
      if (referentUsername == null) {
        r.error("username", "Indiquez l'identifiant du référent de parcours.");
      }
      if (referentName == null) {
        referentName = referentUsername;
      }
    }
    String kind = r.line("organisationKind", 40);
    if (kind == null || !REFERENT_KINDS.contains(kind)) {
      r.error("organisationKind", "Choisissez l'organisation du référent : Département, association délégataire ou France Travail.");
    }
    String organisation = r.line("organisation", 150);
    if (organisation == null) {
      r.error("organisation", "Indiquez l'organisation du référent (par exemple : Département de la Somme, UTAS d'Amiens).");
    }
    String caf = f.line("cafNumber", 20);
    if (caf != null && !caf.matches("[0-9A-Za-z]{4,20}")) {
      f.error("cafNumber", "Le numéro d'allocataire CAF ou MSA se compose de 4 à 20 chiffres ou lettres.");
    }
    String ft = f.line("franceTravailId", 20);
    if (ft != null && !ft.matches("[0-9A-Za-z]{4,20}")) {
      f.error("franceTravailId", "L'identifiant France Travail se compose de 4 à 20 chiffres ou lettres.");
    }
    boolean confirm = Boolean.TRUE.equals(f.bool("confirmDuplicates"));
    f.throwIfAny();
    return new Parsed(new Person.Details(family, first == null ? "" : first, birth, commune, territory, email, phone,
        Boolean.TRUE.equals(rsa), rsaChecked, iae, referentUsername, referentName, kind, organisation, caf, ft), confirm);
  }

  /** The page's form as the API's JSON. */
  public static JsonObject fromForm(MultiMap form) {
    JsonObject json = new JsonObject();
    for (String key : List.of("familyName", "firstNames", "birthDate", "commune", "territory", "email", "phone",
        "rsaCheckedOn", "cafNumber", "franceTravailId")) {
      json.put(key, form.get(key));
    }
    json.put("rsaRecipient", form.get("rsaRecipient"));
    json.put("iaeEligible", form.get("iaeEligible"));
    json.put("confirmDuplicates", form.get("confirmDuplicates"));
    json.put("referent", new JsonObject().put("username", form.get("referent.username")).put("name", form.get("referent.name"))
        .put("organisationKind", form.get("referent.organisationKind")).put("organisation", form.get("referent.organisation")));
    return json;
  }

  static LocalDate date(Fields f, String key, boolean required) {
    String text = f.line(key, 10);
    if (text == null) {
      if (required) {
        f.error(key, FrenchDates.DAY_REQUIRED);
      }
      return null;
    }
    try {
      return FrenchDates.parseDay(text);
    } catch (DateTimeParseException e) {
      f.error(key, FrenchDates.TYPED_DAY_HINT);
      return null;
    }
  }

  private static boolean blank(Object value) {
    return value == null || (value instanceof String s && s.isBlank());
  }

  static Problem invalid(String field, String message) {
    return Problem.validation(List.of(new Problem.FieldError(field, message)));
  }
}

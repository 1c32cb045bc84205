package fr.pacte.server.organisations;

import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.TextRules;
import fr.pacte.server.web.Problem.FieldError;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks an organisation sent by the API (JSON) or a page (form, turned into the same JSON first), so
 * both say the same thing about the same mistake: every field at fault is listed, in French.
 */
public final class OrganisationInput {

  public static final int MAX_CONTACTS = 5;
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,79}");
  private static final Pattern POSTAL_CODE = Pattern.compile("[0-9]{5}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 .()-]{6,20}");

  private OrganisationInput() {
  }

  /**
   * @param json           the organisation as sent
   * @param knownTerritories the tenant's territory codes
   * @param existingId      the id of the organisation being edited, or null for a new one
   */
  public static Organisation parse(JsonObject json, Set<String> knownTerritories, String existingId) {
    List<FieldError> errors = new ArrayList<>();
    String name = text(json, "name", errors, 200);
    if (name == null) {
      errors.add(new FieldError("name", "Indiquez le nom de l'organisation."));
    } else if (name.length() < 2) {
      errors.add(new FieldError("name", "Le nom doit compter au moins 2 caractères."));
    }
    String id = existingId;
    if (id == null) {
      String given = text(json, "id", errors, 80);
      id = given != null ? given : name == null ? null : slug(name);
      if (id != null && !ID.matcher(id).matches()) {
        errors.add(new FieldError("id", "L'identifiant s'écrit en minuscules, chiffres et tirets (2 à 80 caractères)."));
      }
    }
    String kind = text(json, "kind", errors, 20);
    kind = kind == null ? "operator" : kind;
    if (!kind.equals("operator") && !kind.equals("partner")) {
      errors.add(new FieldError("kind", "Le type est « operator » (opérateur) ou « partner » (partenaire)."));
    }
    String siret = LegalIdentifiers.normaliseSiret(text(json, "siret", errors, 40));
    if (siret != null) {
      LegalIdentifiers.siretError(siret).ifPresent(message -> errors.add(new FieldError("siret", message)));
    }
    String rna = LegalIdentifiers.normaliseRna(text(json, "rna", errors, 40));
    if (rna != null) {
      LegalIdentifiers.rnaError(rna).ifPresent(message -> errors.add(new FieldError("rna", message)));
    }
    if (siret == null && rna == null) {
      errors.add(new FieldError("siret", "Indiquez le SIRET de l'organisation, ou son numéro RNA s'il s'agit d'une association sans SIRET."));
    }
    JsonObject address = object(json, "address", errors);
    String postalCode = text(address, "postalCode", "address.postalCode", errors, 5);
    if (postalCode != null && !POSTAL_CODE.matcher(postalCode).matches()) {
      errors.add(new FieldError("address.postalCode", "Le code postal compte 5 chiffres."));
    }
    Organisation.Address parsedAddress = new Organisation.Address(
        text(address, "street", "address.street", errors, 300), postalCode, text(address, "city", "address.city", errors, 120));
    JsonObject representative = object(json, "legalRepresentative", errors);
    Organisation.Person legalRepresentative = new Organisation.Person(
        text(representative, "name", "legalRepresentative.name", errors, 200),
        text(representative, "role", "legalRepresentative.role", errors, 200));
    List<Organisation.Contact> contacts = contacts(json, errors);
    List<String> territories = territories(json, knownTerritories, errors);
    String legalForm = text(json, "legalForm", errors, 120);
    if (!errors.isEmpty()) {
      throw Problem.validation(errors);
    }
    return new Organisation(id, kind, name, siret, rna, legalForm, parsedAddress,
        legalRepresentative, contacts, territories, 0, null);
  }

  /** The version the client read, required to change an organisation. */
  public static int expectedVersion(JsonObject json) {
    Object version = json.getValue("version");
    if (version instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
        && Math.abs(number.doubleValue()) <= Integer.MAX_VALUE) {
      return number.intValue();
    }
    if (version instanceof String text && text.matches("[0-9]{1,9}")) {
      return Integer.parseInt(text);
    }
    throw Problem.validation(List.of(new FieldError("version",
        "Indiquez la version de l'organisation que vous avez lue (champ version) : elle évite d'écraser la modification d'un autre.")));
  }

  /** A page's form as the JSON the API takes: dotted names become objects, {@code contacts[i].x} a list. */
  public static JsonObject fromForm(MultiMap form) {
    JsonObject json = new JsonObject();
    for (String field : List.of("id", "kind", "name", "siret", "rna", "legalForm", "version")) {
      json.put(field, form.get(field));
    }
    json.put("address", new JsonObject().put("street", form.get("address.street"))
        .put("postalCode", form.get("address.postalCode")).put("city", form.get("address.city")));
    json.put("legalRepresentative", new JsonObject().put("name", form.get("legalRepresentative.name"))
        .put("role", form.get("legalRepresentative.role")));
    JsonArray contacts = new JsonArray();
    for (int i = 0; i < MAX_CONTACTS; i++) {
      String prefix = "contacts[" + i + "].";
      JsonObject contact = new JsonObject().put("name", form.get(prefix + "name")).put("role", form.get(prefix + "role"))
          .put("email", form.get(prefix + "email")).put("phone", form.get(prefix + "phone"));
      if (contact.stream().anyMatch(e -> e.getValue() != null && !e.getValue().toString().isBlank())) {
        contacts.add(contact);
      }
    }
    json.put("contacts", contacts);
    json.put("territories", new JsonArray(form.getAll("territories")));
    return json;
  }

  /** An identifier made from a name: "Association Itinér'Air" → "association-itinerair". */
  static String slug(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    String slug = ascii.replaceAll("['’]", "").replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    return slug.length() > 80 ? slug.substring(0, 80).replaceAll("-+$", "") : slug;
  }

  private static List<Organisation.Contact> contacts(JsonObject json, List<FieldError> errors) {
    Object value = json.getValue("contacts");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      errors.add(new FieldError("contacts", "Une liste de contacts est attendue."));
      return List.of();
    }
    if (array.size() > MAX_CONTACTS) {
      errors.add(new FieldError("contacts", "Au plus " + MAX_CONTACTS + " contacts."));
    }
    List<Organisation.Contact> contacts = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String prefix = "contacts[" + i + "].";
      if (!(array.getValue(i) instanceof JsonObject contact)) {
        errors.add(new FieldError("contacts[" + i + "]", "Un contact est un objet {name, role, email, phone}."));
        continue;
      }
      String name = text(contact, "name", prefix + "name", errors, 200);
      String email = text(contact, "email", prefix + "email", errors, 200);
      String phone = text(contact, "phone", prefix + "phone", errors, 30);
      if (name == null) {
        errors.add(new FieldError(prefix + "name", "Indiquez le nom du contact."));
      }
      if (email != null && !EMAIL.matcher(email).matches()) {
        errors.add(new FieldError(prefix + "email", "Adresse électronique invalide."));
      }
      if (phone != null && !PHONE.matcher(phone).matches()) {
        errors.add(new FieldError(prefix + "phone", "Numéro de téléphone invalide."));
      }
      contacts.add(new Organisation.Contact(name, text(contact, "role", prefix + "role", errors, 200), email, phone));
    }
    return contacts;
  }

  private static List<String> territories(JsonObject json, Set<String> known, List<FieldError> errors) {
    Object value = json.getValue("territories");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      errors.add(new FieldError("territories", "Une liste de codes de territoires est attendue."));
      return List.of();
    }
    Set<String> codes = new LinkedHashSet<>();
    for (Object code : array) {
      if (!(code instanceof String text) || !known.contains(text)) {
        errors.add(new FieldError("territories", code instanceof String text && text.length() <= 80 && !TextRules.hasControl(text)
            ? "Territoire inconnu dans ce département : « " + text + " »." : "Un code de territoire du département est attendu."));
      } else {
        codes.add(text);
      }
    }
    return List.copyOf(codes);
  }

  private static JsonObject object(JsonObject json, String key, List<FieldError> errors) {
    Object value = json.getValue(key);
    if (value == null) {
      return new JsonObject();
    }
    if (value instanceof JsonObject object) {
      return object;
    }
    errors.add(new FieldError(key, "Un objet JSON est attendu."));
    return new JsonObject();
  }

  static String text(JsonObject json, String key, List<FieldError> errors, int max) {
    return text(json, key, key, errors, max);
  }

  /** A one-line text, trimmed, null when absent or blank; wrong types, controls and excess length are errors. */
  static String text(JsonObject json, String key, String field, List<FieldError> errors, int max) {
    return Fields.check(json.getValue(key), field, max, false, errors);
  }
}

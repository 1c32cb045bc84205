package fr.pacte.server.tenancy;

import fr.pacte.server.web.BrandColours;
import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Problem.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Validates the JSON body of a tenant creation and turns it into a {@link Tenant}. */
final class TenantInput {

  /** Declared limits: names are shown in headings and menus; a département has a few dozen territories. */
  static final int MAX_NAME = 200;
  static final int MAX_TERRITORIES = 500;

  private TenantInput() {
  }

  /** @throws Problem with every field at fault */
  static Tenant parse(JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    String slug = text(body, "slug", TenantFile.SLUG, "Identifiant en minuscules, chiffres et tirets (2 à 40 caractères).", errors);
    String name = text(body, "name", null, "Le nom officiel du département est obligatoire.", errors);
    Fields.check(name, "name", MAX_NAME, false, errors);
    String code = text(body, "departementCode", TenantFile.DEPARTEMENT,
        "Code de département attendu : 01 à 95, 2A, 2B ou 971 à 976.", errors);
    Fields fields = Fields.of(body, "", errors);
    Fields brandingFields = fields.object("branding");
    JsonObject branding = body.getValue("branding") instanceof JsonObject object ? object : new JsonObject();
    String displayName = brandingFields.line("displayName", MAX_NAME);
    displayName = displayName == null ? name : displayName;
    String colour = text(branding, "colour", TenantFile.COLOUR, "Couleur au format #rrggbb.", errors, "branding.colour");
    if (colour != null && !BrandColours.allowsReadableText(colour)) {
      errors.add(new FieldError("branding.colour", "Cette couleur ne permet pas un texte lisible (contraste 4,5:1 exigé)."));
    }
    List<Tenant.Territory> territories = territories(body, errors);
    ZoneId zone = timeZone(body, errors);
    if (!errors.isEmpty()) {
      throw Problem.validation(errors);
    }
    return new Tenant(slug, name, code, new Tenant.Branding(displayName, colour, null, null), territories, List.of(), List.of(),
        zone);
  }

  /** Optional: a tenant's zone defaults to its département's. */
  private static ZoneId timeZone(JsonObject body, List<FieldError> errors) {
    Object value = body.getValue("timeZone");
    if (value == null) {
      return null;
    }
    try {
      if (value instanceof String name && TenantFile.TIME_ZONE.matcher(name).matches()) {
        return ZoneId.of(name);
      }
    } catch (DateTimeException unknown) {
      // reported below
    }
    errors.add(new FieldError("timeZone", "Fuseau horaire IANA attendu, par exemple America/Cayenne."));
    return null;
  }

  private static List<Tenant.Territory> territories(JsonObject body, List<FieldError> errors) {
    List<Tenant.Territory> territories = new ArrayList<>();
    Object value = body.getValue("territories");
    if (value == null) {
      return territories;
    }
    if (!(value instanceof JsonArray array)) {
      errors.add(new FieldError("territories", "Une liste de territoires est attendue."));
      return territories;
    }
    if (array.size() > MAX_TERRITORIES) {
      errors.add(new FieldError("territories", "Au plus " + MAX_TERRITORIES + " territoires."));
      return territories;
    }
    for (int i = 0; i < array.size(); i++) {
      String field = "territories[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject item)) {
        errors.add(new FieldError(field, "Un territoire { code, name } est attendu."));
        continue;
      }
      String code = text(item, "code", TenantFile.CODE, "Code en minuscules, chiffres et tirets.", errors, field + ".code");
      String name = text(item, "name", null, "Le nom du territoire est obligatoire.", errors, field + ".name");
      Fields.check(name, field + ".name", MAX_NAME, false, errors);
      String layer = Fields.check(item.getValue("layer"), field + ".layer", 80, false, errors);
      layer = layer == null ? "territoire-action-sociale" : layer;
      territories.add(new Tenant.Territory(layer, code, name, null, null));
    }
    return territories;
  }

  private static String text(JsonObject object, String key, Pattern pattern, String message, List<FieldError> errors) {
    return text(object, key, pattern, message, errors, key);
  }

  private static String text(JsonObject object, String key, Pattern pattern, String message, List<FieldError> errors,
                             String field) {
    Object value = object.getValue(key);
    if (value != null && !(value instanceof String)) {
      errors.add(new FieldError(field, Fields.TEXT_EXPECTED));
      return null;
    }
    if (!(value instanceof String text) || text.isBlank() || (pattern != null && !pattern.matcher(text.trim()).matches())) {
      errors.add(new FieldError(field, message));
      return null;
    }
    return text.trim();
  }
}

package fr.pacte.server.offer;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.Eligibility;
import fr.pacte.api.FollowUpMode;
import fr.pacte.server.organisations.Organisation;
import fr.pacte.server.tenancy.Tenant;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The offer in the data·inclusion schema, for DORA and the national directory: {@code structures} (the organisations
 * delivering the offer) and {@code services} (the offer items).
 *
 * <p>Version 1 (data·inclusion 1.0, the current schema) is the default. Version 0 — the field names DORA long used
 * ({@code presentation_resume}, {@code profils}, {@code zone_diffusion_type}…), retired by data·inclusion in 2026 —
 * is kept for consumers not yet migrated. Only facts Pacte holds are exported; unknown optional fields are left out.
 */
public final class DataInclusionExport {

  /** The département the export describes. */
  public record Source(String slug, String name, String departementCode, String baseUrl) {

    /** data·inclusion's producer id: one per département on this platform. */
    public String producer() {
      return "pacte-" + slug;
    }
  }

  /** v1 publics with an exact v0 "profil". */
  private static final Map<String, String> PROFILS_V0 = Map.of(
      "demandeurs-emploi", "demandeurs-demploi",
      "etudiants", "etudiants",
      "femmes", "femmes",
      "jeunes", "jeunes",
      "personnes-en-situation-de-handicap", "personnes-en-situation-de-handicap",
      "personnes-en-situation-durgence", "personnes-en-situation-durgence",
      "tous-publics", "tous-publics");

  private DataInclusionExport() {
  }

  public static JsonObject v1(Source source, List<OfferItem> items, Map<String, Organisation> organisations,
                              Map<String, ActionTypeDescriptor> types, List<Tenant.Territory> territories) {
    JsonArray services = new JsonArray();
    Set<String> used = new LinkedHashSet<>();
    for (OfferItem item : items) {
      ActionTypeDescriptor type = types.get(item.actionType());
      used.add(item.organisationId());
      JsonObject service = new JsonObject()
          .put("source", source.producer())
          .put("structure_id", structureId(source, item.organisationId()))
          .put("id", serviceId(source, item))
          .put("nom", item.title())
          .put("description", description(item, type, territories))
          .put("lien_source", serviceLink(source, item))
          .put("date_maj", item.updatedAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString())
          .put("type", type(type))
          .put("zone_eligibilite", new JsonArray().add(source.departementCode()));
      putList(service, "thematiques", item.thematiques());
      putList(service, "publics", item.publics());
      putText(service, "publics_precisions", type == null || type.targetPublic() == null ? null : type.targetPublic().fr());
      putText(service, "conditions_acces", type == null || type.eligibility().statement() == null ? null
          : type.eligibility().statement().fr());
      putText(service, "courriel", item.contactEmail());
      putText(service, "telephone", item.contactPhone());
      putText(service, "adresse", item.location().isBlank() ? null : item.location());
      services.add(service);
    }
    JsonArray structures = new JsonArray();
    for (String id : used) {
      Organisation organisation = organisations.get(id);
      if (organisation == null) {
        continue;
      }
      JsonObject structure = new JsonObject()
          .put("source", source.producer())
          .put("id", structureId(source, id))
          .put("nom", organisation.name())
          .put("date_maj", organisation.updatedAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString());
      putText(structure, "siret", organisation.siret());
      putAddress(structure, organisation);
      putContact(structure, organisation);
      structures.add(structure);
    }
    return new JsonObject().put("schema", "data·inclusion v1").put("structures", structures).put("services", services);
  }

  public static JsonObject v0(Source source, List<OfferItem> items, Map<String, Organisation> organisations,
                              Map<String, ActionTypeDescriptor> types, List<Tenant.Territory> territories) {
    JsonArray services = new JsonArray();
    Set<String> used = new LinkedHashSet<>();
    for (OfferItem item : items) {
      ActionTypeDescriptor type = types.get(item.actionType());
      used.add(item.organisationId());
      String detail = description(item, type, territories);
      JsonObject service = new JsonObject()
          .put("id", serviceId(source, item))
          .put("structure_id", structureId(source, item.organisationId()))
          .put("source", source.producer())
          .put("nom", item.title())
          .put("presentation_resume", resume(item.description().isBlank() ? detail : item.description()))
          .put("presentation_detail", detail)
          .put("types", new JsonArray().add(type(type)))
          .put("thematiques", new JsonArray(item.thematiques().stream().filter(DataInclusionVocabulary::isThematiqueV0).toList()))
          .put("profils", new JsonArray(profilsV0(item, type)))
          .put("date_maj", item.updatedAt().withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
          .put("zone_diffusion_type", "departement")
          .put("zone_diffusion_code", source.departementCode())
          .put("zone_diffusion_nom", source.name())
          .put("lien_source", serviceLink(source, item));
      putText(service, "profils_precisions", type == null || type.targetPublic() == null ? null : type.targetPublic().fr());
      if (type != null && type.eligibility().statement() != null) {
        service.put("pre_requis", new JsonArray().add(type.eligibility().statement().fr()));
      }
      putText(service, "courriel", item.contactEmail());
      putText(service, "telephone", item.contactPhone());
      putText(service, "adresse", item.location().isBlank() ? null : item.location());
      services.add(service);
    }
    JsonArray structures = new JsonArray();
    for (String id : used) {
      Organisation organisation = organisations.get(id);
      if (organisation == null) {
        continue;
      }
      JsonObject structure = new JsonObject()
          .put("id", structureId(source, id))
          .put("nom", organisation.name())
          .put("source", source.producer())
          .put("date_maj", organisation.updatedAt().withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      putText(structure, "siret", organisation.siret());
      putText(structure, "rna", organisation.rna());
      putAddress(structure, organisation);
      putContact(structure, organisation);
      structures.add(structure);
    }
    return new JsonObject().put("schema", "data·inclusion v0").put("structures", structures).put("services", services);
  }

  /** What the item is, where and when, in words: data·inclusion's description holds it all. */
  static String description(OfferItem item, ActionTypeDescriptor type, List<Tenant.Territory> territories) {
    List<String> parts = new ArrayList<>();
    if (!item.description().isBlank()) {
      parts.add(item.description());
    }
    if (type != null) {
      parts.add("Type d'action : " + type.label().fr() + ".");
    }
    parts.add("Territoires : " + String.join(", ", item.territories().stream()
        .map(code -> OfferService.territoryName(territories, code)).toList()) + ".");
    DateTimeFormatter french = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    parts.add("Période : du " + item.periodStart().format(french) + " au " + item.periodEnd().format(french) + ".");
    if (!item.schedule().isBlank()) {
      parts.add("Calendrier : " + item.schedule());
    }
    return String.join("\n\n", parts);
  }

  private static String type(ActionTypeDescriptor type) {
    return type != null && type.mode() == FollowUpMode.COLLECTIVE_WORKSHOPS ? "atelier" : "accompagnement";
  }

  private static List<String> profilsV0(OfferItem item, ActionTypeDescriptor type) {
    Set<String> profils = new LinkedHashSet<>();
    if (type != null && type.eligibility().kind() == Eligibility.Kind.RSA_ONLY) {
      profils.add("beneficiaires-rsa");
    }
    item.publics().stream().map(PROFILS_V0::get).filter(p -> p != null).forEach(profils::add);
    return List.copyOf(profils);
  }

  static String resume(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= 280 ? flat : flat.substring(0, 279).strip() + "…";
  }

  private static String structureId(Source source, String organisation) {
    return source.producer() + "--" + organisation;
  }

  private static String serviceId(Source source, OfferItem item) {
    return source.producer() + "--" + item.id();
  }

  private static String serviceLink(Source source, OfferItem item) {
    return source.baseUrl() + "/t/" + source.slug() + "/offre#offre-" + item.id();
  }

  private static void putAddress(JsonObject json, Organisation organisation) {
    putText(json, "adresse", organisation.address().street());
    putText(json, "code_postal", organisation.address().postalCode());
    putText(json, "commune", organisation.address().city());
  }

  private static void putContact(JsonObject json, Organisation organisation) {
    organisation.contacts().stream().filter(c -> c.email() != null).findFirst().ifPresent(c -> json.put("courriel", c.email()));
    organisation.contacts().stream().filter(c -> c.phone() != null).findFirst().ifPresent(c -> json.put("telephone", c.phone()));
  }

  private static void putText(JsonObject json, String key, String value) {
    if (value != null && !value.isBlank()) {
      json.put(key, value);
    }
  }

  private static void putList(JsonObject json, String key, List<String> values) {
    if (!values.isEmpty()) {
      json.put(key, new JsonArray(values));
    }
  }

  static Map<String, Organisation> byId(List<Organisation> organisations) {
    Map<String, Organisation> map = new LinkedHashMap<>();
    organisations.forEach(o -> map.put(o.id(), o));
    return map;
  }
}

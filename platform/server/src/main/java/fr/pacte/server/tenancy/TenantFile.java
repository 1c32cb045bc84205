package fr.pacte.server.tenancy;

import fr.pacte.server.config.YamlDocument;
import fr.pacte.server.config.YamlDocument.Mapping;
import fr.pacte.server.config.YamlFileException;
import fr.pacte.server.web.BrandColours;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code tenants/<slug>/tenant.yaml}. The format, with every key:
 *
 * <pre>
 * slug: somme
 * name: Département de la Somme
 * departement: "80"
 * time_zone: Europe/Paris     # optional, IANA name; default: the zone of the département (971 America/Guadeloupe…)
 * branding:
 *   display_name: Somme
 *   colour: "#00577a"
 *   logo: logo.svg            # optional, SVG or PNG beside the file
 * territories:
 *   - layer: territoire-action-sociale   # optional, this is the default
 *     code: amiens
 *     name: Amiens
 *     valid_from: 2022-01-01              # optional
 *     valid_to: 2025-12-31                # optional
 * plugins:
 *   - id: mobility-platform
 *     configuration: {}                   # optional, free-form
 * notes:
 *   - free text about the source data
 * </pre>
 */
public final class TenantFile {

  public static final String FILE_NAME = fr.pacte.server.platform.TenantSeeds.TENANT_FILE;

  static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{1,39}");
  static final Pattern DEPARTEMENT = Pattern.compile("0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6]");
  static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
  static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
  private static final Pattern PLUGIN_ID = Pattern.compile("[a-z][a-z0-9-]{1,62}");
  static final Pattern TIME_ZONE = Pattern.compile("[A-Za-z_]+(/[A-Za-z0-9_+-]+)+");
  private static final Pattern ANY = null;
  private static final long MAX_LOGO_BYTES = 256 * 1024;

  private TenantFile() {
  }

  /** Reads the file of one tenant folder. {@code displayRoot} is the folder errors are named from. */
  public static Tenant read(Path folder, Path displayRoot) {
    Path file = folder.resolve(FILE_NAME);
    String displayName = displayRoot.relativize(file).toString();
    return parse(YamlDocument.read(file, displayName), folder);
  }

  /** Reads a tenant file named {@code displayName} in errors; its folder's name must be its slug. */
  public static Tenant readFile(Path file, String displayName) {
    return parse(YamlDocument.read(file, displayName), file.getParent());
  }

  static Tenant parse(Mapping root, Path folder) {
    root.onlyKeys("slug", "name", "departement", "time_zone", "branding", "territories", "plugins", "notes");
    String slug = root.requiredString("slug", SLUG,
        "un identifiant en minuscules (lettres, chiffres, tirets ; 2 à 40 caractères) était attendu");
    if (folder != null && !folder.getFileName().toString().equals(slug)) {
      throw root.errorAt("slug", "le slug doit être le nom du dossier (« " + folder.getFileName() + " »)");
    }
    String name = root.requiredString("name", ANY, "le nom officiel du département était attendu");
    String code = root.requiredString("departement", DEPARTEMENT,
        "un code de département était attendu (01 à 95, 2A, 2B ou 971 à 976, entre guillemets)");
    ZoneId zone = timeZone(root).orElse(null);
    return new Tenant(slug, name, code, branding(root, name, folder), territories(root), plugins(root), root.strings("notes"),
        zone);
  }

  private static Optional<ZoneId> timeZone(Mapping root) {
    Optional<String> name = root.optionalString("time_zone", TIME_ZONE,
        "un fuseau horaire IANA était attendu, par exemple America/Cayenne");
    try {
      return name.map(ZoneId::of);
    } catch (DateTimeException unknown) {
      throw root.errorAt("time_zone", "fuseau horaire inconnu : " + name.get() + " (par exemple America/Cayenne)");
    }
  }

  private static Tenant.Branding branding(Mapping root, String name, Path folder) {
    Mapping branding = root.requiredMapping("branding", "display_name et colour");
    branding.onlyKeys("display_name", "colour", "logo");
    String displayName = branding.optionalString("display_name", ANY, "un nom court").orElse(name);
    String colour = branding.requiredString("colour", COLOUR, "une couleur au format #rrggbb était attendue");
    if (!BrandColours.allowsReadableText(colour)) {
      throw branding.errorAt("colour", "cette couleur ne permet pas un texte lisible dans le bandeau (contraste 4,5:1 exigé), "
          + "choisissez une teinte plus claire ou plus foncée");
    }
    byte[] logo = null;
    String mediaType = null;
    var logoName = branding.optionalString("logo", Pattern.compile("[A-Za-z0-9._-]+\\.(svg|png)"),
        "le nom d'un fichier .svg ou .png placé à côté de tenant.yaml était attendu");
    if (logoName.isPresent() && folder != null) {
      Path logoFile = folder.resolve(logoName.get());
      try {
        if (!Files.isRegularFile(logoFile) || Files.size(logoFile) > MAX_LOGO_BYTES) {
          throw branding.errorAt("logo", "fichier introuvable ou de plus de 256 Ko : " + logoName.get());
        }
        logo = Files.readAllBytes(logoFile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      mediaType = logoName.get().endsWith(".svg") ? "image/svg+xml" : "image/png";
    }
    return new Tenant.Branding(displayName, colour, logo, mediaType);
  }

  private static List<Tenant.Territory> territories(Mapping root) {
    List<Tenant.Territory> territories = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Mapping item : root.mappings("territories")) {
      item.onlyKeys("layer", "code", "name", "valid_from", "valid_to");
      String layer = item.optionalString("layer", CODE, "un code de couche (minuscules et tirets)")
          .orElse("territoire-action-sociale");
      String code = item.requiredString("code", CODE, "un code en minuscules, chiffres et tirets était attendu");
      if (!seen.add(layer + "/" + code)) {
        throw item.errorAt("code", "ce code est déjà utilisé dans la couche " + layer);
      }
      String territoryName = item.requiredString("name", ANY, "le nom du territoire était attendu");
      LocalDate from = item.optionalDate("valid_from").orElse(null);
      LocalDate to = item.optionalDate("valid_to").orElse(null);
      if (from != null && to != null && to.isBefore(from)) {
        throw item.errorAt("valid_to", "la date de fin doit suivre la date de début");
      }
      territories.add(new Tenant.Territory(layer, code, territoryName, from, to));
    }
    return territories;
  }

  @SuppressWarnings("unchecked")
  private static List<Tenant.PluginSetting> plugins(Mapping root) {
    List<Tenant.PluginSetting> plugins = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Mapping item : root.mappings("plugins")) {
      item.onlyKeys("id", "configuration");
      String id = item.requiredString("id", PLUGIN_ID, "l'identifiant d'un plugin (Plugin-Id) était attendu");
      if (!seen.add(id)) {
        throw item.errorAt("id", "ce plugin est déjà listé");
      }
      Object configuration = item.plain("configuration").orElse(Map.of());
      if (!(configuration instanceof Map)) {
        throw item.errorAt("configuration", "une liste de clés et valeurs était attendue");
      }
      plugins.add(new Tenant.PluginSetting(id, new JsonObject((Map<String, Object>) configuration)));
    }
    return plugins;
  }

  /** For tests and the API: parses YAML text that is not in a folder (no logo file). */
  public static Tenant parse(String yaml, String displayName) {
    return parse(YamlDocument.parse(yaml, displayName), null);
  }
}

package fr.pacte.bench.national;

import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.tenancy.TenantFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The 101 départements ({@code departements.csv}) and their tenant folders: the repository's own folder where it
 * names territories and action types (the Somme), otherwise a folder written here with the département's real code
 * and name, territoires d'action sociale named by their cardinal point, and the five action types of the Somme's call
 * for projects enabled. The database the generator fills and this folder are a pair: Pacte starts on both.
 */
final class Departements {

  /** The five action types of the Somme's call for projects "insertion" 2026-2028, by plugin. */
  static final List<String> ACTION_PLUGINS = List.of("mobility-platform", "psychological-support", "iae-preparation",
      "social-remobilisation", "employment-preparation");
  private static final List<String[]> POINTS = List.of(new String[] {"nord", "Nord"}, new String[] {"sud", "Sud"},
      new String[] {"est", "Est"}, new String[] {"ouest", "Ouest"}, new String[] {"centre", "Centre"},
      new String[] {"nord-est", "Nord-Est"}, new String[] {"nord-ouest", "Nord-Ouest"},
      new String[] {"sud-est", "Sud-Est"}, new String[] {"sud-ouest", "Sud-Ouest"});
  /** Banner colours dark enough for white text. */
  private static final List<String> COLOURS = List.of("#005a87", "#00693e", "#a4121c", "#4b2e83", "#6b3e00",
      "#1f4e79", "#7a1f5c", "#2f4f4f", "#8a2d00", "#30506b");
  /** People per territoire d'action sociale, about the Somme's (19,814 people on five territories). */
  private static final int PEOPLE_PER_TERRITORY = 4_000;

  /**
   * One département as the data set has it.
   *
   * @param rsaPopulation people on the RSA at scale 1.0
   * @param territories   codes and names of its territoires d'action sociale, in order
   */
  record Departement(int index, String code, String name, String region, int rsaPopulation, String slug,
                     List<Tenant.Territory> territories) {
  }

  private Departements() {
  }

  /** The départements in file order, with the territories of the repository's folder where it has some. */
  static List<Departement> load(Path repositoryTenants) {
    List<Departement> all = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        Departements.class.getResourceAsStream("departements.csv"), StandardCharsets.UTF_8))) {
      String line;
      boolean header = true;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] f = line.split(";");
        String slug = slug(f[1]);
        int rsa = Integer.parseInt(f[4]);
        List<Tenant.Territory> territories = repositoryTerritories(repositoryTenants, slug);
        all.add(new Departement(all.size(), f[0], f[1], f[2], rsa, slug,
            territories.isEmpty() ? pointsOfTheCompass(rsa) : territories));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  /** "Côte-d'Or" → "cote-d-or". */
  static String slug(String name) {
    String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase();
    return plain.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  /** The territoires d'action sociale of the repository's folder, if it names its territories and action types. */
  private static List<Tenant.Territory> repositoryTerritories(Path repositoryTenants, String slug) {
    Path folder = repositoryTenants.resolve(slug);
    if (!Files.isRegularFile(folder.resolve(TenantFile.FILE_NAME))) {
      return List.of();
    }
    Tenant tenant = TenantFile.read(folder, repositoryTenants);
    Set<String> plugins = Set.copyOf(tenant.plugins().stream().map(Tenant.PluginSetting::pluginId).toList());
    if (!plugins.containsAll(ACTION_PLUGINS)) {
      return List.of();
    }
    return tenant.territories().stream().filter(t -> t.layer().equals("territoire-action-sociale")).toList();
  }

  private static List<Tenant.Territory> pointsOfTheCompass(int rsa) {
    int count = Math.max(2, Math.min(POINTS.size(), Math.round(rsa / (float) PEOPLE_PER_TERRITORY)));
    return POINTS.subList(0, count).stream()
        .map(p -> new Tenant.Territory("territoire-action-sociale", p[0], "Territoire " + p[1], null, null)).toList();
  }

  /** Whether the repository's folder of this département is used as it is. */
  static boolean keptAsIs(Path repositoryTenants, Departement d) {
    return !repositoryTerritories(repositoryTenants, d.slug()).isEmpty();
  }

  /** Writes the tenants folder: the repository's folders kept as they are, the others written. */
  static void writeFolders(List<Departement> departements, Path repositoryTenants, Path output) throws IOException {
    delete(output);
    Files.createDirectories(output);
    for (Departement d : departements) {
      Path folder = output.resolve(d.slug());
      Path source = repositoryTenants.resolve(d.slug());
      if (keptAsIs(repositoryTenants, d)) {
        copy(source, folder);
        continue;
      }
      Files.createDirectories(folder);
      String logo = "";
      if (Files.isDirectory(source)) {
        // The real département's programmes, référentiels and logo; its tenant.yaml gains territories and action types.
        copy(source, folder);
        Files.delete(folder.resolve(TenantFile.FILE_NAME));
        logo = Files.isRegularFile(folder.resolve("logo.svg")) ? "  logo: logo.svg\n" : "";
      }
      Files.writeString(folder.resolve(TenantFile.FILE_NAME), tenantYaml(d, logo));
    }
  }

  private static String tenantYaml(Departement d, String logo) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("# Written by the national data set generator: the département's real code and name; territories and\n")
        .append("# action types are those of the generated data, not the département's own.\n")
        .append("slug: ").append(d.slug()).append('\n')
        .append("name: \"").append(article(d.name())).append("\"\n")
        .append("departement: \"").append(d.code()).append("\"\n")
        .append("branding:\n  display_name: \"").append(d.name()).append("\"\n  colour: \"")
        .append(COLOURS.get(d.index() % COLOURS.size())).append("\"\n").append(logo)
        .append("territories:\n");
    for (Tenant.Territory t : d.territories()) {
      yaml.append("  - code: ").append(t.code()).append("\n    name: \"").append(t.name()).append("\"\n");
    }
    yaml.append("plugins:\n");
    ACTION_PLUGINS.forEach(id -> yaml.append("  - id: ").append(id).append('\n'));
    return yaml.toString();
  }

  private static String article(String name) {
    return "Département " + (name.matches("^[AEIOUYÉÈ].*") ? "d'" : "de ") + name;
  }

  static void delete(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      try (Stream<Path> old = Files.walk(folder)) {
        for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}

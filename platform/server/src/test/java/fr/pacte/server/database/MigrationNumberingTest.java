package fr.pacte.server.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The numbering rule of the README's contributing notes: Flyway runs with out-of-order off, so a migration numbered
 * below one already applied would never run. Versions are whole numbers, each used once; V6 to V9 were never used
 * (the one gap, kept: those numbers must stay unused); every version after V11 follows the previous one with no gap,
 * because a branch takes the next free number when it merges.
 */
class MigrationNumberingTest {

  private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__[a-z0-9]+(_[a-z0-9]+)*\\.sql");

  /** The numbers history skipped; nothing may take them now. */
  private static final List<Integer> NEVER_USED = List.of(6, 7, 8, 9);

  /** The highest version at the time the rule was written; from it on, numbers follow each other. */
  private static final int LAST_BEFORE_RULE = 11;

  @Test
  void platformMigrationsAreNumberedByTheRule() throws IOException {
    List<Integer> versions = versions(Path.of("src/main/resources/db/platform"));
    assertTrue(versions.containsAll(List.of(1, 2, 3, 4, 5, 10, 11)), "the migrations already released stay: " + versions);
    NEVER_USED.forEach(number -> assertFalse(versions.contains(number),
        "V" + number + " would be below applied versions and never run (out-of-order is off): take the next free number"));
    List<Integer> after = versions.stream().filter(version -> version > LAST_BEFORE_RULE).toList();
    for (int i = 0; i < after.size(); i++) {
      assertEquals(LAST_BEFORE_RULE + 1 + i, after.get(i), "versions after V" + LAST_BEFORE_RULE
          + " follow each other with no gap: " + versions);
    }
  }

  @Test
  void everyPluginsMigrationsAreNumberedOneByOneFromOne() throws IOException {
    Path plugins = Path.of("../../plugins");
    List<Path> folders;
    try (Stream<Path> found = Files.walk(plugins, 6)) {
      folders = found.filter(path -> path.getParent() != null && path.getParent().getFileName().toString().equals("db")
          && path.toString().contains("src" + java.io.File.separator + "main")).filter(Files::isDirectory).toList();
    }
    assertFalse(folders.isEmpty(), "no plugin migrations found under " + plugins.toAbsolutePath().normalize());
    for (Path folder : folders) {
      List<Integer> versions = versions(folder);
      for (int i = 0; i < versions.size(); i++) {
        assertEquals(i + 1, versions.get(i), folder + ": versions follow each other from V1: " + versions);
      }
    }
  }

  /** The versions of a folder's migrations, sorted; fails on a misnamed file or a version used twice. */
  private static List<Integer> versions(Path folder) throws IOException {
    List<Integer> versions = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        Matcher matcher = NAME.matcher(name);
        assertTrue(matcher.matches(), folder + "/" + name + ": a migration is named V<number>__<words_in_snake_case>.sql");
        int version = Integer.parseInt(matcher.group(1));
        assertFalse(versions.contains(version), folder + ": V" + version + " is used twice");
        versions.add(version);
      }
    }
    versions.sort(null);
    return versions;
  }
}

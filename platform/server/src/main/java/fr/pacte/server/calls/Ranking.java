package fr.pacte.server.calls;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The projects of a call ranked per lot and territory: best consolidated score first; equal scores share a rank
 * ("1, 2, 2, 4") and are listed by the smaller amount asked, then by name. A project not yet scored comes last,
 * without a rank. A project covering several territories appears in each of them.
 */
public record Ranking(List<Group> groups) {

  /** What the ranking knows of a project. {@code objectives}: people or workshops per territory it commits to. */
  public record Project(UUID application, String name, String lot, List<String> territories, BigDecimal score, boolean settled,
                        long askedCents, long fundableCents, Map<String, Integer> objectives) {

    public Project {
      territories = List.copyOf(territories);
      objectives = Map.copyOf(objectives);
    }

    /** Whether this is the project of {@code application} on {@code lot}: an application answers each lot once. */
    public boolean is(UUID application, String lot) {
      return this.application.equals(application) && this.lot.equals(lot);
    }
  }

  /** A project's place in one lot and territory; rank is null for a project without score. */
  public record Place(Integer rank, Project project) {
  }

  public record Group(String lot, String territory, List<Place> places) {
  }

  private static final Comparator<Project> ORDER = Comparator
      .comparing(Project::score, Comparator.nullsLast(Comparator.reverseOrder()))
      .thenComparingLong(Project::askedCents)
      .thenComparing(Project::name);

  /** Ranks {@code projects} in the order of {@code lots} and of each lot's {@code territories}. */
  public static Ranking of(Map<String, List<String>> territoriesByLot, List<Project> projects) {
    List<Group> groups = new ArrayList<>();
    for (Map.Entry<String, List<String>> lot : territoriesByLot.entrySet()) {
      for (String territory : lot.getValue()) {
        List<Project> here = projects.stream()
            .filter(p -> p.lot().equals(lot.getKey()) && p.territories().contains(territory)).sorted(ORDER).toList();
        groups.add(new Group(lot.getKey(), territory, places(here)));
      }
    }
    return new Ranking(List.copyOf(groups));
  }

  /** Every project once, best first across the call: the order a proposal is suggested in. */
  public static List<Project> overall(List<Project> projects) {
    return projects.stream().sorted(ORDER).toList();
  }

  private static List<Place> places(List<Project> sorted) {
    List<Place> places = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Project project = sorted.get(i);
      Integer rank = null;
      if (project.score() != null) {
        rank = i + 1;
        if (i > 0 && sorted.get(i - 1).score() != null && sorted.get(i - 1).score().compareTo(project.score()) == 0) {
          rank = places.get(i - 1).rank();
        }
      }
      places.add(new Place(rank, project));
    }
    return List.copyOf(places);
  }

  /** The group of a lot and territory. */
  public Group group(String lot, String territory) {
    return groups.stream().filter(g -> g.lot().equals(lot) && g.territory().equals(territory)).findFirst().orElseThrow();
  }

}

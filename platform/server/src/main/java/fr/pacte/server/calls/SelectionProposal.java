package fr.pacte.server.calls;

import fr.pacte.server.calls.CallForProjects.Need;
import fr.pacte.server.calls.Ranking.Project;
import fr.pacte.server.web.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The projects the programme manager proposes to the committee, within the call's envelope (and each lot's, when the
 * call gives one). A project is retained for its negotiated amount when one was agreed (seed 002 allows it), else for
 * its fundable amount (indirect costs above the cap not funded). The proposal shows at once what is left of the
 * envelopes and which needs stay uncovered: per lot and territory, the need minus the objectives of the projects
 * retained there.
 */
public record SelectionProposal(List<Line> lines, long totalCents, Long envelopeCents, Long leftCents,
                                Map<String, LotBudget> lots, List<Uncovered> uncovered) {

  /** The programme manager's choice for a project: retained or not, and the amount negotiated if any. */
  public record Choice(UUID application, String lot, boolean retained, Long negotiatedCents) {
  }

  public record Line(Project project, boolean retained, Long negotiatedCents, long amountCents) {
  }

  public record LotBudget(String lot, long totalCents, Long envelopeCents, Long leftCents) {
  }

  /** A need not covered by the projects retained: target, what they cover, what is missing. */
  public record Uncovered(String lot, String territory, String unit, int target, int covered, int missing) {
  }

  /**
   * Computes the proposal. {@code projects} are the call's projects (in ranking order); {@code choices} say which are
   * retained. Refuses (field errors in French) a negotiated amount that is negative or above the amount asked, and a
   * choice for an unknown project; an envelope exceeded is not refused here but shows as a negative amount left.
   */
  public static SelectionProposal of(List<Project> projects, List<Choice> choices, Long envelopeCents,
                                     Map<String, Long> lotEnvelopes, Map<String, List<Need>> needsByLot) {
    Map<String, Choice> byProject = new LinkedHashMap<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < choices.size(); i++) {
      Choice choice = choices.get(i);
      Project project = projects.stream().filter(p -> p.is(choice.application(), choice.lot())).findFirst().orElse(null);
      if (project == null) {
        errors.add(new Problem.FieldError("lines[" + i + "].application", "Aucun projet recevable de cette candidature sur ce lot."));
        continue;
      }
      if (choice.negotiatedCents() != null && choice.negotiatedCents() < 0) {
        errors.add(new Problem.FieldError("lines[" + i + "].negotiatedCents", "Le montant négocié ne peut pas être négatif."));
      } else if (choice.negotiatedCents() != null && choice.negotiatedCents() > project.askedCents()) {
        errors.add(new Problem.FieldError("lines[" + i + "].negotiatedCents", "Le montant négocié ("
            + CallForProjects.euros(choice.negotiatedCents()) + ") dépasse le montant demandé ("
            + CallForProjects.euros(project.askedCents()) + ")."));
      }
      byProject.put(choice.application() + "|" + choice.lot(), choice);
    }
    if (!errors.isEmpty()) {
      throw Problem.validation(errors);
    }
    List<Line> lines = new ArrayList<>();
    long total = 0;
    Map<String, Long> perLot = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> covered = new LinkedHashMap<>();
    for (Project project : projects) {
      Choice choice = byProject.get(project.application() + "|" + project.lot());
      boolean retained = choice != null && choice.retained();
      Long negotiated = choice == null ? null : choice.negotiatedCents();
      long amount = negotiated != null ? negotiated : project.fundableCents();
      lines.add(new Line(project, retained, negotiated, amount));
      if (retained) {
        total += amount;
        perLot.merge(project.lot(), amount, Long::sum);
        Map<String, Integer> lotCovered = covered.computeIfAbsent(project.lot(), k -> new LinkedHashMap<>());
        project.objectives().forEach((territory, count) -> lotCovered.merge(territory, count, Integer::sum));
      }
    }
    Map<String, LotBudget> lots = new LinkedHashMap<>();
    for (String lot : needsByLot.keySet()) {
      long lotTotal = perLot.getOrDefault(lot, 0L);
      Long lotEnvelope = lotEnvelopes.get(lot);
      lots.put(lot, new LotBudget(lot, lotTotal, lotEnvelope, lotEnvelope == null ? null : lotEnvelope - lotTotal));
    }
    List<Uncovered> uncovered = new ArrayList<>();
    for (Map.Entry<String, List<Need>> lot : needsByLot.entrySet()) {
      for (Need need : lot.getValue()) {
        int done = covered.getOrDefault(lot.getKey(), Map.of()).getOrDefault(need.territory(), 0);
        if (done < need.target()) {
          uncovered.add(new Uncovered(lot.getKey(), need.territory(), need.unit(), need.target(), done, need.target() - done));
        }
      }
    }
    return new SelectionProposal(List.copyOf(lines), total, envelopeCents,
        envelopeCents == null ? null : envelopeCents - total, lots, List.copyOf(uncovered));
  }

  /**
   * A first proposal to start from: the projects in ranking order, each retained for its fundable amount if it still
   * fits in what is left of the call's envelope and of its lot's.
   */
  public static List<Choice> suggest(List<Project> ranked, Long envelopeCents, Map<String, Long> lotEnvelopes) {
    List<Choice> choices = new ArrayList<>();
    long left = envelopeCents == null ? Long.MAX_VALUE : envelopeCents;
    Map<String, Long> lotLeft = new LinkedHashMap<>(lotEnvelopes);
    for (Project project : Ranking.overall(ranked)) {
      long amount = project.fundableCents();
      long lotRoom = lotLeft.getOrDefault(project.lot(), Long.MAX_VALUE);
      boolean fits = project.score() != null && amount <= left && amount <= lotRoom;
      if (fits) {
        left -= amount;
        if (lotLeft.containsKey(project.lot())) {
          lotLeft.put(project.lot(), lotRoom - amount);
        }
      }
      choices.add(new Choice(project.application(), project.lot(), fits, null));
    }
    return choices;
  }

  /** True when the retained amounts stay within the call's envelope and every lot's. */
  public boolean withinEnvelopes() {
    return (leftCents == null || leftCents >= 0) && lots.values().stream().allMatch(l -> l.leftCents() == null || l.leftCents() >= 0);
  }
}

package fr.pacte.server.conventions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * What the conventions a caller sees add up to: their payments, their yearly tranches, the amounts committed, voted,
 * paid and still due per calendar year and by action type, territory or operator, and the envelope of each call with
 * what its conventions fund. Amounts are exact cents; a convention's amount is shared between its territories in
 * proportion to the year's objectives (the last territory takes what rounding leaves, so the parts add up).
 */
final class ConventionViews {

  private ConventionViews() {
  }

  /** One payment made on a convention. */
  record PaymentRow(UUID convention, String reference, String organisation, int year, String kind, LocalDate paidOn,
                    long amountCents, String mandate) {

    JsonObject toJson() {
      return new JsonObject().put("convention", convention.toString()).put("reference", reference)
          .put("organisation", organisation).put("year", year).put("kind", kind).put("paidOn", paidOn.toString())
          .put("amountCents", amountCents).put("mandateReference", mandate);
    }
  }

  /** One yearly tranche of a convention with what was planned, voted, paid and is still due on it. */
  record TrancheRow(UUID convention, String reference, String organisation, int year, LocalDate start, LocalDate end,
                    long plannedCents, Tranche tranche, long votedCents, long paidCents, long dueCents) {

    JsonObject toJson() {
      return new JsonObject().put("convention", convention.toString()).put("reference", reference)
          .put("organisation", organisation).put("year", year).put("start", start.toString()).put("end", end.toString())
          .put("plannedCents", plannedCents).put("status", tranche.status()).put("votedCents", votedCents)
          .put("deliberationDate", tranche.deliberationDate() == null ? null : tranche.deliberationDate().toString())
          .put("deliberationReference", tranche.deliberationReference()).put("paidCents", paidCents).put("dueCents", dueCents);
    }
  }

  /** What a group of conventions adds up to in a calendar year. */
  record FigureRow(int calendarYear, String group, String groupLabel, int conventions, long committedCents, long votedCents,
                   long paidCents, long dueCents) {

    JsonObject toJson() {
      return new JsonObject().put("calendarYear", calendarYear).put("group", group).put("groupLabel", groupLabel)
          .put("conventions", conventions).put("committedCents", committedCents).put("votedCents", votedCents)
          .put("paidCents", paidCents).put("dueCents", dueCents);
    }
  }

  /** A call's envelope and what the conventions made from its selection fund. */
  record EnvelopeRow(UUID call, String title, Long envelopeCents, int conventions, long committedCents, long votedCents,
                     long paidCents, List<String> actionTypes, Map<String, Integer> places) {

    Long remainingCents() {
      return envelopeCents == null ? null : envelopeCents - committedCents;
    }

    JsonObject toJson() {
      JsonObject placesJson = new JsonObject();
      places.forEach(placesJson::put);
      return new JsonObject().put("call", call.toString()).put("title", title).put("envelopeCents", envelopeCents)
          .put("conventions", conventions).put("committedCents", committedCents).put("votedCents", votedCents)
          .put("paidCents", paidCents).put("remainingCents", remainingCents())
          .put("actionTypes", new JsonArray(actionTypes)).put("places", placesJson);
    }
  }

  /** The dimensions of the figures: {@code year} alone, or the year and an action type, a territory, an operator. */
  static final List<String> DIMENSIONS = List.of("year", "actionType", "territory", "operator");

  static List<PaymentRow> payments(List<Convention> conventions) {
    List<PaymentRow> rows = new ArrayList<>();
    for (Convention c : conventions) {
      for (Payment p : c.payments()) {
        rows.add(new PaymentRow(c.id(), c.terms().reference(), c.organisationName(), p.year(), p.kind(), p.paidOn(),
            p.amountCents(), p.mandateReference()));
      }
    }
    rows.sort(Comparator.comparing(PaymentRow::paidOn).reversed().thenComparing(PaymentRow::reference));
    return rows;
  }

  static List<TrancheRow> tranches(List<Convention> conventions) {
    List<TrancheRow> rows = new ArrayList<>();
    for (Convention c : conventions) {
      for (Funding.YearFigures f : c.figures()) {
        Terms.Year year = c.terms().year(f.year());
        rows.add(new TrancheRow(c.id(), c.terms().reference(), c.organisationName(), f.year(), f.start(), f.end(),
            year == null ? 0 : year.departementCents(), c.tranche(f.year()), f.votedCents(), f.paidCents(), f.dueCents()));
      }
    }
    return rows;
  }

  /**
   * The figures per calendar year (of each convention year's start) and, unless {@code dimension} is {@code year},
   * per action type, territory or operator; {@code labels} names the groups (action types, territories).
   */
  static List<FigureRow> figures(List<Convention> conventions, String dimension, Map<String, String> labels) {
    Map<String, long[]> sums = new TreeMap<>();
    Map<String, Set<UUID>> counted = new LinkedHashMap<>();
    Map<String, String[]> keys = new LinkedHashMap<>();
    for (Convention c : conventions) {
      for (Funding.YearFigures f : c.figures()) {
        Map<String, Long> shares = shares(c, f.year(), dimension);
        long[] parts = {f.committedCents(), f.votedCents(), f.paidCents(), f.dueCents()};
        List<String> groups = new ArrayList<>(shares.keySet());
        long[][] split = new long[groups.size()][4];
        for (int k = 0; k < 4; k++) {
          long[] pieces = split(parts[k], groups.stream().map(shares::get).toList());
          for (int g = 0; g < groups.size(); g++) {
            split[g][k] = pieces[g];
          }
        }
        for (int g = 0; g < groups.size(); g++) {
          String group = groups.get(g);
          String key = f.start().getYear() + "|" + group;
          keys.put(key, new String[] {String.valueOf(f.start().getYear()), group});
          long[] sum = sums.computeIfAbsent(key, x -> new long[4]);
          for (int k = 0; k < 4; k++) {
            sum[k] += split[g][k];
          }
          counted.computeIfAbsent(key, x -> new LinkedHashSet<>()).add(c.id());
        }
      }
    }
    List<FigureRow> rows = new ArrayList<>();
    sums.forEach((key, s) -> {
      String[] parts = keys.get(key);
      String group = parts[1];
      rows.add(new FigureRow(Integer.parseInt(parts[0]), group, "year".equals(dimension) ? "" : labels.getOrDefault(group, group),
          counted.get(key).size(), s[0], s[1], s[2], s[3]));
    });
    return rows;
  }

  /** The weights of a convention's groups in a year: one group, or its territories weighted by the year's objectives. */
  private static Map<String, Long> shares(Convention c, int year, String dimension) {
    Map<String, Long> shares = new LinkedHashMap<>();
    switch (dimension) {
      case "actionType" -> shares.put(c.terms().actionType(), 1L);
      case "operator" -> shares.put(c.terms().organisation(), 1L);
      case "territory" -> {
        for (String territory : c.terms().territories()) {
          shares.put(territory, (long) c.terms().objective(year, territory));
        }
        if (shares.values().stream().mapToLong(Long::longValue).sum() == 0) {
          shares.replaceAll((territory, weight) -> 1L);
        }
        if (shares.isEmpty()) {
          shares.put("", 1L);
        }
      }
      default -> shares.put("", 1L);
    }
    return shares;
  }

  /**
   * {@code cents} shared in proportion to {@code weights}, each part rounded down to the cent and the last taking what
   * is left, so that the parts add up to the whole exactly.
   */
  static long[] split(long cents, List<Long> weights) {
    long total = weights.stream().mapToLong(Long::longValue).sum();
    long[] parts = new long[weights.size()];
    long given = 0;
    for (int i = 0; i < weights.size(); i++) {
      if (i == weights.size() - 1) {
        parts[i] = cents - given;
      } else {
        parts[i] = total == 0 ? 0 : BigDecimal.valueOf(cents).multiply(BigDecimal.valueOf(weights.get(i)))
            .divide(BigDecimal.valueOf(total), 0, RoundingMode.DOWN).longValueExact();
        given += parts[i];
      }
    }
    return parts;
  }

  /** A call of the tenant and its envelope. */
  record Call(UUID id, String title, Long envelopeCents) {
  }

  /**
   * Each call with its envelope, the conventions made from its selection (not terminated before signature), what
   * they commit, vote and pay, the action types they fund and their places per territory in their first year.
   */
  static List<EnvelopeRow> envelopes(List<Call> calls, List<Convention> conventions, Function<String, String> typeLabel) {
    List<EnvelopeRow> rows = new ArrayList<>();
    for (Call call : calls) {
      List<Convention> funded = conventions.stream().filter(c -> call.id().equals(c.terms().callId())).toList();
      Set<String> types = new LinkedHashSet<>();
      Map<String, Integer> places = new TreeMap<>();
      for (Convention c : funded) {
        types.add(typeLabel.apply(c.terms().actionType()));
        for (String territory : c.terms().territories()) {
          places.merge(territory, c.terms().objective(1, territory), Integer::sum);
        }
      }
      rows.add(new EnvelopeRow(call.id(), call.title(), call.envelopeCents(), funded.size(),
          funded.stream().mapToLong(Convention::committedCents).sum(), funded.stream().mapToLong(Convention::votedCents).sum(),
          funded.stream().mapToLong(Convention::paidCents).sum(), List.copyOf(types), places));
    }
    return rows;
  }
}

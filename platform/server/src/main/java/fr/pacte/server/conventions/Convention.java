package fr.pacte.server.conventions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A convention d'objectifs et de moyens of a tenant: its terms in force, its state, its yearly tranches, the
 * amendments that changed it and the payments made.
 *
 * @param organisationName the signing organisation's name, for pages and exports
 * @param version          incremented at every change (terms, signature, vote, payment, amendment): the optimistic lock
 */
public record Convention(UUID id, Terms terms, State state, LocalDate signedOn, String terminationReason,
                         String organisationName, List<Tranche> tranches, List<Payment> payments,
                         List<Amendment> amendments, int version) {

  private static final DateTimeFormatter FRENCH_DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
  private static final DateTimeFormatter TABLE_DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  public Convention {
    tranches = List.copyOf(tranches);
    payments = List.copyOf(payments);
    amendments = List.copyOf(amendments);
  }

  /** States as stored; running and ended are a signed convention seen at a date. */
  public enum State implements fr.pacte.server.text.Coded {
    DRAFT("draft", "Projet"), SIGNED("signed", "Signée"), RUNNING("running", "En cours"), ENDED("ended", "Terminée"),
    TERMINATED("terminated", "Résiliée");

    private final String code;
    private final String label;

    State(String code, String label) {
      this.code = code;
      this.label = label;
    }

    public String code() {
      return code;
    }

    public String label() {
      return label;
    }

    public static State of(String code) {
      return fr.pacte.server.text.Coded.of(State.class, code);
    }
  }

  /** Signed conventions run from their start and end after their last day; a terminated one stays terminated. */
  public State stateAt(LocalDate today) {
    if (state == State.SIGNED || state == State.RUNNING) {
      if (today.isAfter(terms.periodEnd())) {
        return State.ENDED;
      }
      return today.isBefore(terms.periodStart()) ? State.SIGNED : State.RUNNING;
    }
    return state;
  }

  public Tranche tranche(int year) {
    return tranches.stream().filter(t -> t.year() == year).findFirst()
        .orElse(new Tranche(year, Tranche.PROVISIONAL, null, null, null));
  }

  /** Every year's figures (committed, voted, paid, due, schedule). */
  public List<Funding.YearFigures> figures() {
    List<Funding.YearFigures> figures = new ArrayList<>();
    for (Terms.Year year : terms.years()) {
      figures.add(Funding.figures(terms, tranche(year.year()), payments, signedOn));
    }
    return figures;
  }

  public long committedCents() {
    return figures().stream().mapToLong(Funding.YearFigures::committedCents).sum();
  }

  public long votedCents() {
    return figures().stream().mapToLong(Funding.YearFigures::votedCents).sum();
  }

  public long paidCents() {
    return payments.stream().mapToLong(Payment::amountCents).sum();
  }

  /** The terms in force on a date: those of the last amendment in force by then, else those before the first. */
  public Terms termsAt(LocalDate day) {
    Terms inForce = terms;
    for (int i = amendments.size() - 1; i >= 0; i--) {
      Amendment amendment = amendments.get(i);
      if (amendment.effectiveFrom().isAfter(day)) {
        inForce = amendment.before();
      } else {
        break;
      }
    }
    return inForce;
  }

  /** Whether the caller limited to {@code organisation} is a party (the lead or a member of the groupement). */
  public boolean involves(String organisation) {
    return terms.organisation().equals(organisation) || terms.members().contains(organisation);
  }

  public static String dayLabel(LocalDate day) {
    return day == null ? "" : day.format(FRENCH_DAY);
  }

  public static String tableDay(LocalDate day) {
    return day == null ? "" : day.format(TABLE_DAY);
  }

  /** Cents as French euros ("1 234 567,89 €"); exact, no floating point. */
  public static String euros(long cents) {
    String units = String.format(Locale.FRENCH, "%,d", cents / 100).replace('\u202f', ' ').replace('\u00a0', ' ');
    long rest = Math.abs(cents % 100);
    return units + (rest == 0 ? "" : "," + String.format("%02d", rest)) + " €";
  }

  public JsonObject toJson(LocalDate today) {
    State shown = stateAt(today);
    JsonArray years = new JsonArray();
    for (Funding.YearFigures f : figures()) {
      Tranche tranche = tranche(f.year());
      years.add(new JsonObject().put("year", f.year()).put("start", f.start().toString()).put("end", f.end().toString())
          .put("tranche", tranche.toJson()).put("budgetCents", f.budgetCents()).put("eligibleCents", f.eligibleCents())
          .put("nonEligibleCents", f.nonEligibleCents()).put("coFundingCents", f.coFundingCents())
          .put("committedCents", f.committedCents()).put("votedCents", f.votedCents())
          .put("provisionalCents", f.provisionalCents()).put("paidCents", f.paidCents()).put("dueCents", f.dueCents())
          .put("schedule", new JsonArray(f.schedule().stream().map(d -> new JsonObject().put("kind", d.kind())
              .put("kindLabel", Payment.kindLabel(d.kind())).put("dueOn", d.dueOn().toString())
              .put("amountCents", d.amountCents())).toList())));
    }
    return new JsonObject().put("id", id.toString()).put("state", shown.code()).put("stateLabel", shown.label())
        .put("signedOn", signedOn == null ? null : signedOn.toString()).put("terminationReason", terminationReason)
        .put("organisationName", organisationName).put("version", version).put("terms", terms.toJson())
        .put("territories", new JsonArray(terms.territories()))
        .put("committedCents", committedCents()).put("votedCents", votedCents()).put("paidCents", paidCents())
        .put("dueCents", votedCents() - paidCents()).put("years", years)
        .put("payments", new JsonArray(payments.stream().map(Payment::toJson).toList()))
        .put("amendments", new JsonArray(amendments.stream().map(Amendment::toJson).toList()));
  }
}

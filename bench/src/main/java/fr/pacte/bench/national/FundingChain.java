package fr.pacte.bench.national;

import fr.pacte.bench.national.OfferAndOperators.Item;
import fr.pacte.bench.national.OfferAndOperators.Operator;
import fr.pacte.server.conventions.Terms;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How the offer was funded: the call for projects 2024-2026 (one lot per action type on every territory), each
 * operator's application with one project per item, admissible and selected by the commission permanente, then one
 * convention per item for the three years, its tranches voted each year and its payments (an advance at the start of
 * each year, the balance after the year's bilan).
 */
final class FundingChain {

  private static final LocalDate PUBLISHED = LocalDate.of(2023, 6, 15);
  private static final LocalDate DEADLINE = LocalDate.of(2023, 9, 15);
  private static final LocalDate COMMITTEE = LocalDate.of(2023, 11, 20);
  private static final LocalDate SIGNED = LocalDate.of(2023, 12, 15);
  /** What a place in the file active costs the Département a year, and a workshop session. */
  private static final long PLACE_CENTS = 150_000;
  private static final long SESSION_CENTS = 25_000;

  record Counts(long applications, long conventions, long tranches, long payments) {
  }

  private FundingChain() {
  }

  static Counts write(TenantLoad load) {
    String t = load.tenant();
    String departement = "Département " + load.departement.name();
    UUID call = load.uuid();
    OffsetDateTime published = at(load, PUBLISHED);
    OffsetDateTime closes = DEADLINE.atTime(12, 0).atZone(load.zone).toOffsetDateTime();
    long perYear = 0;
    Map<Item, Long> yearly = new LinkedHashMap<>();
    for (Item item : load.items) {
      long cents = 0;
      for (int i = 0; i < item.territories().size(); i++) {
        cents += objective(item, i) * (item.type().collective() ? SESSION_CENTS : PLACE_CENTS);
      }
      yearly.put(item, cents);
      perYear += cents;
    }
    CopyRows calls = load.copy("call_for_projects", "tenant_id, id, title, thematic, context, objectives, public_text, "
        + "territories_text, publication_date, deadline, time_zone, closes_at, budget_cents, max_convention_years, state, "
        + "published_at, closed_at, created_at, updated_at");
    calls.row(t, call, "Appel à projets insertion 2024-2026", "Insertion",
        "Le " + departement + " finance les actions d'insertion des allocataires du RSA par appel à projets.",
        "Couvrir les besoins de chaque territoire pour les cinq types d'action.", "Allocataires du RSA",
        "Tous les territoires d'action sociale du département", PUBLISHED, DEADLINE.atTime(12, 0), load.zone.getId(), closes,
        perYear * 3, 3, "decided", published, closes, published.minusDays(30), at(load, COMMITTEE));
    calls.flush();
    CopyRows lots = load.copy("call_lot", "tenant_id, call_id, code, position, title, action_type, territories, budget_cents");
    List<OfferAndOperators.ActionType> types = OfferAndOperators.ACTION_TYPES;
    for (int i = 0; i < types.size(); i++) {
      lots.row(t, call, lot(i), i, types.get(i).label(), types.get(i).code(), load.territories, null);
    }
    lots.flush();

    // One application per operator, with one project per item it runs.
    Map<Operator, List<Item>> byOperator = new LinkedHashMap<>();
    load.items.forEach(item -> byOperator.computeIfAbsent(item.operator(), o -> new ArrayList<>()).add(item));
    CopyRows applications = load.copy("application", "tenant_id, id, call_id, organisation_id, state, created_by, "
        + "created_at, updated_at, submitted_at, submitted_by, content_hash");
    CopyRows members = load.copy("application_member", "tenant_id, application_id, organisation_id, role, position");
    CopyRows projects = load.copy("application_project", "tenant_id, application_id, lot_code, position, title, territories, "
        + "description, objectives, budget, total_cost_cents, indirect_cost_cents, cofunding_cents, requested_cents, fundable_cents");
    CopyRows admissibility = load.copy("application_admissibility", "tenant_id, application_id, admissible, decided_by, decided_at");
    Map<Item, UUID> applicationOf = new LinkedHashMap<>();
    for (Map.Entry<Operator, List<Item>> entry : byOperator.entrySet()) {
      UUID application = load.uuid();
      OffsetDateTime submitted = at(load, DEADLINE.minusDays(1 + load.random.nextInt(20)));
      applications.row(t, application, call, entry.getKey().id(), "submitted", "operateur", submitted.minusDays(10), submitted,
          submitted, "operateur", sha256(application.toString()));
      members.row(t, application, entry.getKey().id(), "lead", 0);
      admissibility.row(t, application, true, "pilotage", at(load, DEADLINE.plusDays(10)));
      int position = 0;
      for (Item item : entry.getValue()) {
        long cents = yearly.get(item);
        projects.row(t, application, lot(types.indexOf(item.type())), position++, item.title(), item.territories(),
            "Projet de l'opérateur pour " + item.type().label().toLowerCase() + ".", objectives(item), budget(cents),
            cents * 3 * 12 / 10, cents * 3 / 10, cents * 3 * 2 / 10, cents * 3, cents * 3);
        applicationOf.put(item, application);
      }
    }
    applications.flush();
    members.flush();
    admissibility.flush();
    projects.flush();
    CopyRows decision = load.copy("call_decision", "tenant_id, call_id, committee, committee_date, deliberation_ref, decided_by, decided_at");
    decision.row(t, call, "Commission permanente", COMMITTEE, "CP-" + COMMITTEE.getYear() + "-11-" + load.departement.code(),
        "pilotage", at(load, COMMITTEE));
    decision.flush();
    CopyRows decided = load.copy("project_decision", "tenant_id, call_id, application_id, lot_code, organisation_id, selected, "
        + "amount_cents, requested_cents, territories, objectives, budget");
    for (Item item : load.items) {
      long cents = yearly.get(item);
      decided.row(t, call, applicationOf.get(item), lot(types.indexOf(item.type())), item.operator().id(), true, cents * 3,
          cents * 3, item.territories(), objectives(item), budget(cents));
    }
    decided.flush();

    CopyRows conventions = load.copy("convention", "tenant_id, id, reference, title, action_type, organisation_id, territories, "
        + "period_start, period_end, terms, state, signed_on, call_id, application_id, offer_id, version, created_at, updated_at");
    CopyRows tranches = load.copy("convention_tranche", "tenant_id, convention_id, year, status, voted_cents, "
        + "deliberation_date, deliberation_reference");
    CopyRows payments = load.copy("convention_payment", "tenant_id, id, convention_id, year, kind, paid_on, amount_cents, "
        + "mandate_reference, created_at");
    int number = 0;
    for (Item item : load.items) {
      number++;
      UUID convention = load.uuid();
      long cents = yearly.get(item);
      String reference = String.format("CPOM-2024-%s-%03d", load.departement.code(), number);
      String title = "Convention d'objectifs et de moyens — " + item.title();
      if (title.length() > 256) {
        title = title.substring(0, 256);
      }
      Terms terms = terms(load, item, reference, title, cents, call, applicationOf.get(item), departement);
      conventions.row(t, convention, reference, title, item.type().code(), item.operator().id(), item.territories(),
          TenantLoad.START, TenantLoad.PERIOD_END, terms.toJson(), "running", SIGNED, call, applicationOf.get(item), item.id(),
          4, at(load, SIGNED), at(load, LocalDate.of(2025, 12, 10)));
      for (int year = 1; year <= 3; year++) {
        LocalDate vote = year == 1 ? COMMITTEE : LocalDate.of(2022 + year, 12, 8);
        tranches.row(t, convention, year, "voted", cents, vote, "CP du " + vote.getDayOfMonth() + "/12/" + vote.getYear());
        LocalDate advance = LocalDate.of(2023 + year, 1, 31);
        payments.row(t, load.uuid(), convention, year, "advance", advance, cents / 2,
            String.format("M-%d-%s-%05d", advance.getYear(), load.departement.code(), number), at(load, advance));
        if (year < 3) {
          LocalDate balance = LocalDate.of(2024 + year, 4, 30);
          payments.row(t, load.uuid(), convention, year, "balance", balance, cents - cents / 2,
              String.format("M-%d-%s-%05d", balance.getYear(), load.departement.code(), 50_000 + number), at(load, balance));
        }
      }
    }
    conventions.flush();
    tranches.flush();
    payments.flush();
    return new Counts(applications.rows(), conventions.rows(), tranches.rows(), payments.rows());
  }

  private static String lot(int index) {
    return "lot-" + (index + 1);
  }

  /** A year's objective on a territory, in the lot's unit: the places of a follow-up, the sessions of a workshop. */
  private static int objective(Item item, int territory) {
    int places = OfferAndOperators.capacity(item, territory);
    return item.type().collective() ? places * 4 : places;
  }

  private static JsonArray objectives(Item item) {
    JsonArray list = new JsonArray();
    for (int year = 1; year <= 3; year++) {
      for (int i = 0; i < item.territories().size(); i++) {
        list.add(new JsonObject().put("territory", item.territories().get(i)).put("year", year).put("target", objective(item, i)));
      }
    }
    return list;
  }

  /** Three years at the same cost: staff 80 %, indirect costs 20 %, asked wholly of the Département. */
  private static JsonArray budget(long cents) {
    JsonArray years = new JsonArray();
    long direct = cents * 8 / 10;
    long indirect = cents - direct;
    for (int year = 1; year <= 3; year++) {
      years.add(new JsonObject().put("year", year)
          .put("direct", new JsonObject().put("staff", direct).put("services", 0L).put("purchases", 0L))
          .put("indirect", new JsonObject().put("rent", indirect).put("utilities", 0L).put("printing", 0L).put("support", 0L))
          .put("cofunding", new JsonArray()).put("requestedCents", cents));
    }
    return years;
  }

  private static Terms terms(TenantLoad load, Item item, String reference, String title, long cents, UUID call,
                             UUID application, String departement) {
    List<Terms.Objective> objectives = new ArrayList<>();
    List<Terms.Year> years = new ArrayList<>();
    for (int year = 1; year <= 3; year++) {
      for (int i = 0; i < item.territories().size(); i++) {
        objectives.add(new Terms.Objective(year, item.territories().get(i), objective(item, i)));
      }
      years.add(new Terms.Year(year, cents * 8 / 10, cents - cents * 8 / 10, cents, List.of()));
    }
    return new Terms(reference, title, item.type().code(), item.operator().id(), List.of(),
        new Terms.Party(departement, null),
        List.of(new Terms.Signatory("departement", "Président du Conseil départemental", "Président du Conseil départemental"),
            new Terms.Signatory(item.operator().id(), "Présidence de l'organisme", "Président")),
        TenantLoad.START, TenantLoad.PERIOD_END, item.type().collective() ? "WORKSHOPS_PER_YEAR" : "PEOPLE_IN_FILE_ACTIVE",
        objectives, new Terms.Means(null, null, item.type().collective() ? "Mardi et jeudi" : "Du lundi au vendredi",
            "Une équipe d'accompagnement sur chaque territoire de l'action."),
        "Bilan annuel présenté au comité de pilotage ; rapport mensuel d'activité.",
        "Reconduction par tranche annuelle, après vote de l'assemblée délibérante.",
        new Terms.PaymentTerms(50, 4, "Avance de 50 % au début de chaque année, solde après le bilan annuel."), 20, years,
        new Terms.Decision(COMMITTEE, "CP-" + COMMITTEE.getYear() + "-11-" + load.departement.code()), false, item.id(), call,
        application, lot(OfferAndOperators.ACTION_TYPES.indexOf(item.type())));
  }

  private static OffsetDateTime at(TenantLoad load, LocalDate day) {
    return day.atTime(10, 0).atZone(load.zone).toOffsetDateTime();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

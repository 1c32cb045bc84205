package fr.pacte.bench.national;

import fr.pacte.bench.national.OfferAndOperators.ActionType;
import fr.pacte.bench.national.OfferAndOperators.Item;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * People on the RSA and their participations over the three years, as the platform records them: each person is
 * followed by a référent and goes through a few actions one after the other (about 2.4 on average, 5 million for all of
 * France); each participation is positioned, then entered, refused, waiting or still proposed; entered ones are
 * followed until their exit, whose type follows the Somme's (46.5 % positive exits); the workshops of the collective
 * action types are held on every territory through the three years and the participants attend some.
 */
final class PeopleAndPathways {

  /**
   * How many participations a person may have over three years: 0 to 5 (cumulative shares), 2.9 on average; one still
   * open at the end stops the series, which leaves about 2.4.
   */
  private static final double[] PARTICIPATIONS = {0.05, 0.20, 0.42, 0.65, 0.82, 1.0};
  private static final String[] EXIT_TYPES = {"emploi-durable", "emploi-transition", "sortie-positive", "fin-action-terme",
      "reorientation", "abandon", "sante", "demenagement", "fin-droits-rsa", "autre"};
  /** Cumulative shares of the exit types: 12 + 14 + 20.5 = 46.5 % positive, as the Somme's first year. */
  private static final double[] EXIT_SHARES = {0.12, 0.26, 0.465, 0.665, 0.765, 0.885, 0.935, 0.965, 0.985, 1.0};
  private static final String[] REFUSALS = {"hors-public", "prerequis", "injoignable", "refus-personne", "autre-action", "complet"};
  private static final String[] KINDS = {"departement", "departement", "departement", "association-delegataire", "france-travail"};
  private static final List<String> FAMILY = List.of("Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand",
      "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier",
      "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "André",
      "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin",
      "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand", "Duval",
      "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly",
      "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Schmitt",
      "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas");
  private static final List<String> FIRST = List.of("Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sandrine",
      "Céline", "Stéphanie", "Aurélie", "Émilie", "Julie", "Sarah", "Laura", "Manon", "Camille", "Inès", "Fatima", "Nadia",
      "Jean", "Philippe", "Michel", "Alain", "Patrick", "Nicolas", "Christophe", "Pierre", "David", "Stéphane", "Julien",
      "Sébastien", "Kevin", "Thomas", "Mohamed", "Karim", "Maxime", "Lucas", "Dylan", "Enzo", "Yanis", "Mehdi");
  private static final List<String> THEMES = List.of("Estime de soi et confiance", "Gestion du budget", "Accès aux droits",
      "Santé et bien-être", "Numérique du quotidien", "Préparer un entretien d'embauche", "Rédiger son CV",
      "Découverte des métiers", "Se repérer dans les transports", "Mieux communiquer");

  /** The sessions of one collective item on one territory, in time order. */
  private record Sessions(UUID[] ids, LocalDateTime[] at) {
  }

  /** Counts of what was written, for the report. */
  record Counts(long people, long orientations, long sessions, long attendance) {
  }

  private PeopleAndPathways() {
  }

  static Counts write(TenantLoad load) {
    int count = load.people();
    int territoryCount = load.territories.size();
    UUID[] ids = new UUID[count];
    int[] territoryOf = new int[count];
    LocalDate[] since = new LocalDate[count];
    int referents = Math.max(1, count / 150);
    int[] referentOf = new int[count];
    boolean[] rsaOf = new boolean[count];
    CopyRows people = load.copy("person", "tenant_id, id, family_name, first_names, birth_date, commune, territory, "
        + "rsa_recipient, rsa_checked_on, iae_eligible, referent_username, referent_name, referent_organisation_kind, "
        + "referent_organisation, caf_number, created_at, updated_at");
    Map<String, String> names = new HashMap<>();
    load.departement.territories().forEach(t -> names.put(t.code(), t.name()));
    for (int p = 0; p < count; p++) {
      ids[p] = load.uuid();
      territoryOf[p] = load.random.nextInt(territoryCount);
      referentOf[p] = load.random.nextInt(referents);
      // Most were already on the RSA when the three years began; the others arrive through them.
      since[p] = load.random.nextDouble() < 0.6 ? TenantLoad.START : load.dayBetween(TenantLoad.START, TenantLoad.DATA_END);
      String territory = load.territories.get(territoryOf[p]);
      int r = referentOf[p];
      String kind = KINDS[r % KINDS.length];
      boolean rsa = load.random.nextDouble() < 0.95;
      rsaOf[p] = rsa;
      double iae = load.random.nextDouble();
      OffsetDateTime created = since[p].atTime(9, 0).plusMinutes(load.random.nextInt(480)).atZone(load.zone).toOffsetDateTime();
      people.row(load.tenant(), ids[p], load.pick(FAMILY), load.pick(FIRST),
          LocalDate.of(1960, 1, 1).plusDays(load.random.nextInt(365 * 43)), names.get(territory), territory, rsa,
          rsa ? load.dayBetween(since[p], since[p].plusDays(60)) : null, iae < 0.3 ? null : iae < 0.6,
          r == 0 ? "referent" : "referent-" + r, r == 0 ? "Référent de parcours (démo)" : "Référent de parcours n° " + r,
          kind, referentOrganisation(kind, names.get(territory)), String.format("%07d", load.random.nextInt(10_000_000)),
          created, created);
    }
    people.flush();

    Map<Item, Sessions[]> sessions = new HashMap<>();
    long sessionCount = writeSessions(load, sessions);

    CopyRows orientations = load.copy("orientation", "tenant_id, id, person_id, offer_id, territory, action_type, "
        + "organisation_id, state, queued_at, prescriber, prescriber_name, prescriber_kind, rsa_recipient, entry_date, "
        + "planned_end, refusal_reason, exit_date, exit_type, version, created_at, updated_at");
    CopyRows attendance = load.copy("workshop_attendance", "tenant_id, session_id, person_id, status, updated_at");
    for (int p = 0; p < count; p++) {
      int participations = 0;
      double draw = load.random.nextDouble();
      while (PARTICIPATIONS[participations] < draw) {
        participations++;
      }
      LocalDate next = since[p].plusDays(load.random.nextInt(60));
      int r = referentOf[p];
      String prescriber = r == 0 ? "referent" : "referent-" + r;
      String prescriberName = r == 0 ? "Référent de parcours (démo)" : "Référent de parcours n° " + r;
      for (int n = 0; n < participations && !next.isAfter(TenantLoad.DATA_END); n++) {
        ActionType type = actionType(load);
        Item item = OfferAndOperators.itemFor(load, type, territoryOf[p]);
        String territory = load.territories.get(territoryOf[p]);
        int place = OfferAndOperators.placeIndex(item, territory);
        LocalDateTime queuedLocal = next.atTime(8, 30).plusMinutes(load.random.nextInt(540));
        OffsetDateTime queued = queuedLocal.atZone(load.zone).toOffsetDateTime();
        long daysLeft = TenantLoad.DATA_END.toEpochDay() - next.toEpochDay();
        LocalDate entry = next.plusDays(3 + load.random.nextInt(28));
        double fate = load.random.nextDouble();
        String state;
        LocalDate plannedEnd = null;
        LocalDate exit = null;
        String exitType = null;
        String refusal = null;
        LocalDate changed = next;
        int version = 1;
        if (fate < 0.08) {
          state = "refused";
          entry = null;
          refusal = REFUSALS[load.random.nextInt(REFUSALS.length)];
          changed = next.plusDays(2 + load.random.nextInt(12));
          version = 2;
        } else if (entry.isAfter(TenantLoad.DATA_END) || daysLeft < 45 && fate < 0.45) {
          state = fate < 0.3 ? "waiting" : "proposed";
          entry = null;
        } else {
          int months = type.collective() ? 3 + load.random.nextInt(4) : 4 + load.random.nextInt(9);
          plannedEnd = entry.plusMonths(type.collective() ? 6 : 12);
          LocalDate leaves = entry.plusDays(Math.round(months * 30.4));
          changed = entry;
          version = 2;
          if (!leaves.isAfter(TenantLoad.DATA_END)) {
            state = "exited";
            exit = leaves;
            exitType = exitType(load);
            changed = leaves;
            version = 3;
          } else {
            state = "in";
          }
        }
        if (state.equals("in") || state.equals("proposed")) {
          item.held()[place]++;
        }
        OffsetDateTime updated = changed.equals(next) ? queued
            : changed.atTime(10, 0).atZone(load.zone).toOffsetDateTime();
        orientations.row(load.tenant(), load.uuid(), ids[p], item.id(), territory, type.code(), item.operator().id(), state,
            queued, prescriber, prescriberName, KINDS[r % KINDS.length], rsaOf[p], entry, plannedEnd, refusal, exit, exitType,
            version, queued, updated);
        if (type.collective() && entry != null) {
          attend(load, attendance, sessions.get(item)[place], ids[p], entry, exit == null ? TenantLoad.DATA_END : exit);
        }
        if (state.equals("in") || state.equals("proposed") || state.equals("waiting")) {
          break;
        }
        next = (exit != null ? exit : changed).plusDays(10 + load.random.nextInt(80));
      }
    }
    orientations.flush();
    attendance.flush();
    return new Counts(count, orientations.rows(), sessionCount, attendance.rows());
  }

  private static String referentOrganisation(String kind, String territory) {
    return switch (kind) {
      case "departement" -> "Département — " + territory;
      case "association-delegataire" -> "Association délégataire de la référence RSA";
      default -> "France Travail";
    };
  }

  private static ActionType actionType(TenantLoad load) {
    double draw = load.random.nextDouble();
    double sum = 0;
    for (ActionType type : OfferAndOperators.ACTION_TYPES) {
      sum += type.share();
      if (draw < sum) {
        return type;
      }
    }
    return OfferAndOperators.ACTION_TYPES.get(OfferAndOperators.ACTION_TYPES.size() - 1);
  }

  private static String exitType(TenantLoad load) {
    double draw = load.random.nextDouble();
    for (int i = 0; i < EXIT_SHARES.length; i++) {
      if (draw < EXIT_SHARES[i]) {
        return EXIT_TYPES[i];
      }
    }
    return "autre";
  }

  /**
   * The workshops of every collective item on each of its territories, spread over the three years: 192 a year on a
   * territory of the Somme for each collective type (the call's needs), scaled by the territory's people.
   */
  private static long writeSessions(TenantLoad load, Map<Item, Sessions[]> sessions) {
    CopyRows rows = load.copy("workshop_session", "tenant_id, id, offer_id, territory, action_type, organisation_id, "
        + "starts_at, theme, place, capacity, created_at");
    Map<String, String> names = new HashMap<>();
    load.departement.territories().forEach(t -> names.put(t.code(), t.name()));
    double perTerritory = 192.0 * 3 * load.sommeRatio() * 5 / load.territories.size();
    long days = TenantLoad.DATA_END.toEpochDay() - TenantLoad.START.toEpochDay();
    for (Item item : OfferAndOperators.collective(load)) {
      Sessions[] byPlace = new Sessions[item.territories().size()];
      for (int i = 0; i < byPlace.length; i++) {
        int n = Math.max(1, (int) Math.round(perTerritory));
        UUID[] ids = new UUID[n];
        LocalDateTime[] at = new LocalDateTime[n];
        for (int s = 0; s < n; s++) {
          LocalDate day = TenantLoad.START.plusDays(days * s / n + load.random.nextInt(3));
          if (day.getDayOfWeek().getValue() > 5) {
            day = day.plusDays(8 - day.getDayOfWeek().getValue());
          }
          at[s] = (day.isAfter(TenantLoad.DATA_END) ? TenantLoad.DATA_END : day).atTime(load.random.nextBoolean() ? 9 : 14, 30);
        }
        // In time order, which attendance relies on.
        Arrays.sort(at);
        for (int s = 0; s < n; s++) {
          ids[s] = load.uuid();
          rows.row(load.tenant(), ids[s], item.id(), item.territories().get(i), item.type().code(), item.operator().id(),
              at[s], load.pick(THEMES), "Salle d'activités — " + names.get(item.territories().get(i)), 25,
              at[s].minusDays(21).atZone(load.zone).toOffsetDateTime());
        }
        byPlace[i] = new Sessions(ids, at);
      }
      sessions.put(item, byPlace);
    }
    rows.flush();
    return rows.rows();
  }

  /** A participant attends one to four of the sessions held while on the action. */
  private static void attend(TenantLoad load, CopyRows attendance, Sessions sessions, UUID person, LocalDate from,
                             LocalDate to) {
    int first = lowerBound(sessions.at(), from.atStartOfDay());
    int last = lowerBound(sessions.at(), to.plusDays(1).atStartOfDay());
    int held = last - first;
    if (held <= 0) {
      return;
    }
    int wanted = Math.min(held, 1 + load.random.nextInt(4));
    int[] chosen = new int[wanted];
    int picked = 0;
    // Evenly spread over the stay, each with a small jitter, so that no session is chosen twice.
    for (int k = 0; k < wanted; k++) {
      int start = first + held * k / wanted;
      int end = first + held * (k + 1) / wanted;
      chosen[picked++] = start + load.random.nextInt(Math.max(1, end - start));
    }
    Arrays.sort(chosen);
    for (int k = 0; k < picked; k++) {
      if (k > 0 && chosen[k] == chosen[k - 1]) {
        continue;
      }
      double status = load.random.nextDouble();
      LocalDateTime at = sessions.at()[chosen[k]];
      attendance.row(load.tenant(), sessions.ids()[chosen[k]], person,
          status < 0.7 ? "present" : status < 0.9 ? "absent" : "excused", at.plusHours(3).atZone(load.zone).toOffsetDateTime());
    }
  }

  private static int lowerBound(LocalDateTime[] sorted, LocalDateTime key) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid].isBefore(key)) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}

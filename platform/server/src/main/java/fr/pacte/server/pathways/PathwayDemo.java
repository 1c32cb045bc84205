package fr.pacte.server.pathways;

import fr.pacte.server.offer.OfferItem;
import fr.pacte.server.offer.OfferService;
import fr.pacte.server.organisations.OrganisationService;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.TenantClock;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Demonstration people and participations for a tenant of the embedded default, made through the same services as a
 * user: one offer item of the demonstration operator per enabled action type, people with clearly fictitious names
 * followed by the demonstration référent, orientations accepted, waiting, refused and exited, workshops with
 * attendance. Done once: a tenant that already has people is left alone.
 */
public final class PathwayDemo {

  /** Family names that read as made up on purpose. */
  private static final List<String> FAMILY = List.of("Exemple", "Essai", "Modèle", "Témoin", "Fictif", "Maquette",
      "Spécimen", "Prototype", "Échantillon", "Brouillon");
  private static final List<String> FIRST = List.of("Alix", "Camille", "Dominique", "Sacha", "Claude", "Morgane",
      "Lou");
  private static final Map<String, String> COMMUNES = Map.of("amiens", "Amiens", "picardie-maritime", "Abbeville",
      "cinq-vallees", "Ailly-sur-Somme", "hauts-de-somme", "Doullens", "somme-santerre", "Péronne");
  private static final List<String[]> ITEMS = List.of(
      new String[] {"plateforme-mobilite-solidaire", "Plateforme mobilité solidaire (démonstration)"},
      new String[] {"equilibre-emotionnel-psychologique", "Équilibre émotionnel et psychologique (démonstration)"},
      new String[] {"preparation-entree-iae", "Préparation à l'entrée en IAE (démonstration)"},
      new String[] {"remobilisation-sociale", "Ateliers de remobilisation sociale (démonstration)"},
      new String[] {"preparation-emploi", "Ateliers de préparation à l'emploi (démonstration)"});

  private final OfferService offer;
  private final PersonService people;
  private final OrientationService orientations;
  private final WorkshopService workshops;
  private final ProgressService progress;
  private final TenantClock clock;

  public PathwayDemo(OfferService offer, PersonService people, OrientationService orientations, WorkshopService workshops,
                     ProgressService progress, TenantClock clock) {
    this.progress = progress;
    this.offer = offer;
    this.people = people;
    this.orientations = orientations;
    this.workshops = workshops;
    this.clock = clock;
  }

  /**
   * Creates the demonstration data of a tenant if it has no people yet; returns the number of people created. The
   * people are oriented onto the demonstration operator's items of the tenant (those the demonstration conventions
   * fund, when they exist, so that the places shown are the funded ones); an action type without one gets an item.
   */
  public Future<Integer> ensure(String tenant) {
    RequestContext context = RequestContext.system(tenant, "données de démonstration des parcours", clock);
    return people.hasPeople(tenant).compose(existing -> {
      if (existing) {
        return Future.succeededFuture(0);
      }
      return people.territories(tenant).compose(territories -> {
        List<String> codes = territories.stream().map(t -> t.code()).filter(COMMUNES::containsKey).toList();
        Set<String> enabled = orientations.actionTypes(tenant).keySet();
        if (codes.isEmpty() || enabled.isEmpty()) {
          return Future.succeededFuture(0);
        }
        return offer.search(context, OfferService.Filter.none()).compose(current -> {
          Future<List<OfferItem>> items = Future.succeededFuture(new ArrayList<>());
          for (String[] spec : ITEMS) {
            if (!enabled.contains(spec[0])) {
              continue;
            }
            Optional<OfferItem> funded = current.stream().filter(i -> i.actionType().equals(spec[0])
                && OrganisationService.DEMO_ORGANISATION.equals(i.organisationId())
                && i.territories().stream().anyMatch(COMMUNES::containsKey)).findFirst();
            boolean collective = spec[0].startsWith("remobilisation") || spec[0].startsWith("preparation-emploi");
            items = items.compose(list -> (funded.isPresent() ? Future.succeededFuture(funded.get())
                : fr.pacte.server.offer.DemoProgrammeActions.create(offer, context, item(spec, codes, collective, context.today())))
                .map(item -> {
                  list.add(item);
                  return list;
                }));
          }
          return items.compose(list -> list.isEmpty() ? Future.succeededFuture(0) : populate(context, list));
        });
      });
    });
  }

  private static OfferItem item(String[] spec, List<String> territories, boolean collective, LocalDate today) {
    List<OfferItem.Place> places = territories.stream()
        .map(t -> new OfferItem.Place(t, collective ? 48 : (t.equals("amiens") ? 6 : 4), 0)).toList();
    return new OfferItem(null, spec[0], OrganisationService.DEMO_ORGANISATION, null, spec[1],
        "Action de démonstration : les personnes et les parcours qui y figurent sont fictifs.",
        LocalDate.of(today.getYear(), 1, 1), LocalDate.of(today.getYear() + 2, 12, 31),
        collective ? "Mardi et jeudi, 9 h 30 - 12 h" : "", List.of("Département"), null, List.of(), List.of(), null, null,
        "Locaux de l'association de démonstration", places, 1, null);
  }

  private Future<Integer> populate(RequestContext context, List<OfferItem> items) {
    LocalDate today = context.today();
    Future<Integer> chain = Future.succeededFuture(0);
    int n = 0;
    for (String family : FAMILY) {
      for (int f = 0; f < 4; f++) {
        int index = n++;
        int second = f;
        OfferItem item = items.get(index % items.size());
        List<String> places = item.territories().stream().filter(COMMUNES::containsKey).toList();
        String territory = places.get((index / items.size()) % places.size());
        chain = chain.compose(count -> createPerson(context, family, FIRST.get((index + second) % FIRST.size()), index, territory)
            .compose(person -> participate(context, person, item, territory, index, today)
                .recover(error -> error instanceof Problem ? Future.succeededFuture() : Future.failedFuture(error)))
            .map(count + 1));
      }
    }
    return chain.compose(count -> sessions(context, items, today).map(count));
  }

  private Future<Person> createPerson(RequestContext context, String family, String first, int index, String territory) {
    boolean rsa = index % 7 != 6;
    Boolean iae = index % 3 == 0 ? Boolean.TRUE : index % 3 == 1 ? null : Boolean.FALSE;
    Person.Details details = new Person.Details(family, first, LocalDate.of(1965 + index % 35, 1 + index % 12, 1 + index % 27),
        COMMUNES.get(territory), territory, null, null, rsa, rsa ? context.today().minusDays(10 + index) : null,
        iae, "referent", "Référent de parcours (démo)", index % 3 == 0 ? "departement" : index % 3 == 1
        ? "association-delegataire" : "france-travail", index % 3 == 0 ? "Département — territoire " + territory
        : index % 3 == 1 ? "Association délégataire (démonstration)" : "France Travail (démonstration)", null, null);
    return people.create(context, new PersonInput.Parsed(details, true)).map(PersonService.Created::person);
  }

  /** Most enter; some wait, some are refused, some have left; a few near their maximum duration. */
  private Future<Void> participate(RequestContext context, Person person, OfferItem item, String territory, int index,
                                   LocalDate today) {
    return orientations.orient(context, person.id(), item.id(), territory, "departement", null).compose(placed -> {
      Orientation o = placed.orientation();
      if (o.state() != Orientation.State.PROPOSED) {
        return Future.succeededFuture();
      }
      int kind = index % 6;
      if (kind == 5) {
        return Future.succeededFuture();
      }
      if (kind == 4) {
        return orientations.refuse(context, o.id(), o.version(), "refus-personne", "Souhaite différer son entrée", null).mapEmpty();
      }
      LocalDate entry = today.minusDays(kind == 0 ? 160 : 20 + index * 3L);
      return orientations.accept(context, o.id(), o.version(), entry, "Entrée confirmée avec la personne")
          .compose(in -> grid(context, in.orientation(), "entry", entry, 1 + index % 2).map(in))
          .compose(in -> fields(context, in, index, entry, today))
          .compose(in -> kind == 3
              ? orientations.exit(context, o.id(), in.orientation().version(), today.minusDays(5), "sortie-positive",
                  List.of(), "Parcours terminé (démonstration)")
                  .compose(out -> grid(context, out.orientation(), "exit", today.minusDays(5), 3 + index % 2))
                  .compose(done -> progress.answer(context, o.id(), new JsonObject().put("date", today.minusDays(5).toString())
                      .put("answers", levels(ProgressGrids.QUESTIONNAIRE, 3 + index % 2))).mapEmpty())
              : Future.succeededFuture());
    }).mapEmpty();
  }

  /**
   * The action type's follow-up fields (those its plugin declares), filled as the operator would after a few weeks:
   * yes/no answers alternate between people, counts of 1 to 4, dates between the entry and today, the options taken in
   * turn; so that the indicators read from these fields have figures on the demonstration.
   */
  private Future<OrientationService.Placed> fields(RequestContext context, OrientationService.Placed in, int index,
                                                   LocalDate entry, LocalDate today) {
    Orientation o = in.orientation();
    var type = orientations.actionTypes(context.tenant()).get(o.actionType());
    if (type == null || type.participationFields().isEmpty()) {
      return Future.succeededFuture(in);
    }
    JsonObject values = new JsonObject();
    int position = 0;
    long days = Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(entry, today));
    for (var field : type.participationFields()) {
      int turn = index + position++;
      List<String> options = field.options().stream().map(option -> option.fr()).toList();
      switch (field.type()) {
        case TEXT -> values.put(field.code(), "Renseigné pour la démonstration.");
        case BOOLEAN -> values.put(field.code(), turn % 2 == 0);
        case NUMBER -> values.put(field.code(), 1 + turn % 4);
        case DATE -> values.put(field.code(), entry.plusDays(Math.min(days, 7 + turn % 21)).toString());
        case CHOICE -> values.put(field.code(), options.isEmpty() ? null : options.get(turn % options.size()));
        case MULTI_CHOICE -> values.put(field.code(), options.isEmpty() ? new io.vertx.core.json.JsonArray()
            : new io.vertx.core.json.JsonArray(List.of(options.get(turn % options.size()),
                options.get((turn + 1) % options.size())).stream().distinct().toList()));
        default -> {
        }
      }
    }
    return orientations.recordFields(context, o.id(), o.version(), values, "Suivi de démonstration");
  }

  /** A progress grid of the demonstration, every criterion at the same level. */
  private Future<Void> grid(RequestContext context, Orientation o, String moment, LocalDate date, int level) {
    List<ProgressGrids.Item> criteria = ProgressGrids.criteria(o.actionType());
    if (criteria.isEmpty()) {
      return Future.succeededFuture();
    }
    return progress.assess(context, o.id(), new JsonObject().put("moment", moment).put("date", date.toString())
        .put("scores", levels(criteria, level))).mapEmpty();
  }

  private static JsonObject levels(List<ProgressGrids.Item> items, int level) {
    JsonObject levels = new JsonObject();
    items.forEach(item -> levels.put(item.code(), level));
    return levels;
  }

  /**
   * Two past sessions of each collective item in every territory where people are on it (entered or proposed), all of
   * them registered, their attendance varied so that the counts per session and per person differ.
   */
  private Future<Void> sessions(RequestContext context, List<OfferItem> items, LocalDate today) {
    Future<Void> chain = Future.succeededFuture();
    for (OfferItem item : items) {
      boolean collective = item.actionType().startsWith("remobilisation") || item.actionType().startsWith("preparation-emploi");
      if (!collective) {
        continue;
      }
      chain = chain.compose(done -> orientations.list(context, null, null, item.id())).compose(list -> {
        Map<String, List<UUID>> byTerritory = new TreeMap<>();
        for (Orientation o : list) {
          if (o.state() == Orientation.State.IN || o.state() == Orientation.State.PROPOSED) {
            byTerritory.computeIfAbsent(o.territory(), t -> new ArrayList<>()).add(o.personId());
          }
        }
        Future<Void> planned = Future.succeededFuture();
        int territories = 0;
        for (Map.Entry<String, List<UUID>> territory : byTerritory.entrySet()) {
          territories++;
          for (int week = 2; week >= 1; week--) {
            int shift = week + territories;
            JsonObject body = new JsonObject().put("offer", item.id().toString()).put("territory", territory.getKey())
                .put("startsAt", today.minusDays(7L * week) + "T09:30")
                .put("theme", week == 2 ? "Se présenter et présenter son projet" : "Atelier collectif de démonstration")
                .put("place", "Maison de quartier (démonstration)").put("capacity", 12);
            planned = planned.compose(done -> workshops.plan(context, WorkshopService.Planned.parse(body))).compose(session -> {
              Future<Void> marks = Future.succeededFuture();
              int i = shift;
              for (UUID person : territory.getValue()) {
                String status = List.of("present", "present", "absent", "excused").get(i++ % 4);
                marks = marks.compose(done -> workshops.register(context, session.id(), person))
                    .compose(done -> workshops.mark(context, session.id(), person, status)).mapEmpty();
              }
              return marks;
            });
          }
        }
        return planned;
      });
    }
    return chain;
  }
}

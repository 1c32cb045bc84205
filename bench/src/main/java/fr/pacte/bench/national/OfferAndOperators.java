package fr.pacte.bench.national;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The operators and the offer: for each action type, one offer item per pair of neighbouring territories, each run by
 * its own operator (on the embedded default, the demonstration operator runs the first item of each type, so that its
 * account sees data), and the item's places per territory, sized on the participations it holds at the end.
 */
final class OfferAndOperators {

  /** An action type of the five plugins: its code, its name, whether it is run as collective workshops, its share. */
  record ActionType(String code, String label, boolean collective, double share) {
  }

  /** Participations share out like the Somme's needs: the three follow-ups by their file active, the workshops. */
  static final List<ActionType> ACTION_TYPES = List.of(
      new ActionType("plateforme-mobilite-solidaire", "Plateforme mobilité solidaire", false, 0.30),
      new ActionType("equilibre-emotionnel-psychologique", "Équilibre émotionnel et psychologique", false, 0.15),
      new ActionType("preparation-entree-iae", "Préparation et sécurisation de l'entrée en IAE", false, 0.10),
      new ActionType("remobilisation-sociale", "Ateliers de remobilisation sociale", true, 0.25),
      new ActionType("preparation-emploi", "Ateliers de préparation à l'emploi", true, 0.20));

  record Operator(String id, String name, boolean generated) {
  }

  /** An offer item with its territories; places are counted as the participations are made. */
  record Item(UUID id, ActionType type, Operator operator, String title, List<String> territories, int[] held) {
  }

  private static final List<String> KINDS = List.of("Association", "Régie de quartier", "Atelier et chantier d'insertion",
      "Centre social", "Coopérative d'insertion");
  private static final List<String> WORDS = List.of("Horizon", "Passerelle", "Tremplin", "Envol", "Ensemble", "Cap Avenir",
      "Trait d'union", "Rebond", "Boussole", "Relais", "Élan", "Solidarités", "Parcours", "Escale", "Archipel");
  private static final String DEMO_OPERATOR = "association-demo";

  private OfferAndOperators() {
  }

  /** Makes the operators and items (kept in the load) and writes organisations and items. */
  static void write(TenantLoad load) {
    CopyRows organisations = load.copy("organisation", "tenant_id, id, kind, name, siret, legal_form, territories, created_at, updated_at");
    CopyRows offer = load.copy("offer_item", "tenant_id, id, action_type, organisation_id, title, description, period_start, "
        + "period_end, schedule, funders, location, created_at, updated_at");
    List<String> territories = load.territories;
    Map<String, String> names = new java.util.HashMap<>();
    load.departement.territories().forEach(t -> names.put(t.code(), t.name()));
    String departement = "Département " + load.departement.name();
    int number = 0;
    java.time.OffsetDateTime created = TenantLoad.START.minusMonths(1).atTime(10, 0).atZone(load.zone).toOffsetDateTime();
    for (ActionType type : ACTION_TYPES) {
      for (int first = 0; first < territories.size(); first += 2) {
        List<String> covered = territories.subList(first, Math.min(first + 2, territories.size()));
        Operator operator;
        if (first == 0 && load.demoOperator) {
          operator = new Operator(DEMO_OPERATOR, "Association de démonstration", false);
        } else {
          number++;
          String name = load.pick(KINDS) + " " + load.pick(WORDS) + " " + names.get(covered.get(0)).replace("Territoire ", "");
          operator = new Operator(String.format("operateur-%03d", number), name, true);
          organisations.row(load.tenant(), operator.id(), "operator", operator.name(),
              String.format("%05d%09d", 10_000 + load.departement.index() * 97 % 89_999, number * 7919L % 1_000_000_000L),
              "Association loi 1901", covered, created, created);
        }
        String title = type.label() + " — " + String.join(", ", covered.stream().map(names::get).toList());
        Item item = new Item(load.uuid(), type, operator, title.length() > 150 ? title.substring(0, 150) : title, covered,
            new int[covered.size()]);
        load.items.add(item);
        offer.row(load.tenant(), item.id(), type.code(), operator.id(), item.title(),
            "Action financée par le Département dans le cadre de son appel à projets insertion 2024-2026.",
            TenantLoad.START, TenantLoad.PERIOD_END.plusYears(1),
            type.collective() ? "Mardi et jeudi, 9 h 30 - 12 h" : "Du lundi au vendredi, sur rendez-vous",
            List.of(departement), "Sur chaque territoire de l'action", created, created);
      }
    }
    organisations.flush();
    offer.flush();
  }

  /** The item of a type on a territory: there is exactly one. */
  static Item itemFor(TenantLoad load, ActionType type, int territory) {
    int perType = (load.territories.size() + 1) / 2;
    return load.items.get(ACTION_TYPES.indexOf(type) * perType + territory / 2);
  }

  /** The places of every item per territory: what it holds at the end, and a margin. */
  static void writePlaces(TenantLoad load) {
    CopyRows places = load.copy("offer_place", "tenant_id, offer_id, territory, capacity, taken");
    for (Item item : load.items) {
      for (int i = 0; i < item.territories().size(); i++) {
        places.row(load.tenant(), item.id(), item.territories().get(i), capacity(item, i), 0);
      }
    }
    places.flush();
  }

  /** The places of an item on its i-th territory: what it holds at the end, and a margin of a tenth. */
  static int capacity(Item item, int i) {
    return Math.max(2, (int) Math.ceil(item.held()[i] * 1.1) + 1);
  }

  /** The position of a territory within an item's territories. */
  static int placeIndex(Item item, String territory) {
    return item.territories().indexOf(territory);
  }

  static List<Item> collective(TenantLoad load) {
    List<Item> list = new ArrayList<>();
    load.items.stream().filter(i -> i.type().collective()).forEach(list::add);
    return list;
  }
}

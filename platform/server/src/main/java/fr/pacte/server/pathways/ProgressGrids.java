package fr.pacte.server.pathways;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evaluation centred on the person (« une évaluation centrée autour du bénéficiaire », call for projects 2026-2028,
 * part II.D.b): for each action type a progress grid, whose criteria are the person-centred objectives and attendus of
 * its fiche, rated at entry, during and at exit on four levels; and a short satisfaction questionnaire at exit. Both
 * are stored per participation and read later by the indicators.
 */
public final class ProgressGrids {

  /** One criterion of a grid, or one question of the questionnaire. */
  public record Item(String code, String label) {

    public JsonObject toJson() {
      return new JsonObject().put("code", code).put("label", label);
    }
  }

  /** When a grid is filled. */
  public enum Moment implements fr.pacte.server.text.Coded {
    ENTRY("entry", "À l'entrée"),
    DURING("during", "En cours d'accompagnement"),
    EXIT("exit", "À la sortie");

    private final String code;
    private final String label;

    Moment(String code, String label) {
      this.code = code;
      this.label = label;
    }

    public String code() {
      return code;
    }

    public String label() {
      return label;
    }

    public static Optional<Moment> of(String code) {
      return fr.pacte.server.text.Coded.find(Moment.class, code);
    }
  }

  /** The four levels of a progress criterion, 1 to 4. */
  public static final List<String> LEVELS = List.of("À travailler", "En progression", "Acquis en partie", "Acquis");

  /** The four levels of a satisfaction answer, 1 to 4. */
  public static final List<String> SATISFACTION_LEVELS = List.of("Pas du tout satisfait(e)", "Plutôt pas satisfait(e)",
      "Plutôt satisfait(e)", "Très satisfait(e)");

  /** The questionnaire the person answers at exit (the same for every action type, so that actions compare). */
  public static final List<Item> QUESTIONNAIRE = List.of(
      new Item("accueil", "L'accueil et l'écoute que vous avez reçus"),
      new Item("rythme", "Le rythme et la durée de l'accompagnement"),
      new Item("utilite", "L'utilité de l'action pour votre parcours"),
      new Item("objectifs", "L'atteinte des objectifs que vous vous étiez fixés"),
      new Item("lien-referent", "Le lien entre l'action et votre référent de parcours"));

  /** The criteria of each action type of the Somme's call 2026-2028, from the objectives and attendus of its fiche. */
  private static final Map<String, List<Item>> GRIDS = Map.of(
      "plateforme-mobilite-solidaire", List.of(
          new Item("solution-mobilite", "Accès à une solution de mobilité pérenne"),
          new Item("freins-psychologiques", "Levée des freins psychologiques à la mobilité"),
          new Item("moyen-locomotion", "Location ou acquisition d'un moyen de locomotion, aides financières mobilisées"),
          new Item("code-route", "Présentation et réussite à l'examen du code de la route"),
          new Item("permis-conduire", "Présentation et réussite à l'examen du permis de conduire"),
          new Item("solution-transitoire", "Solution de mobilité transitoire en cas d'échec à l'examen")),
      "equilibre-emotionnel-psychologique", List.of(
          new Item("retablissement", "Rétablissement de la personne (reprise de traitement, nutrition, sommeil)"),
          new Item("parcours-soins", "Inscription dans un parcours de soins adapté ou reprise des soins de droit commun"),
          new Item("remobilisation", "Remobilisation et redynamisation"),
          new Item("reprise-accompagnement", "Reprise de l'accompagnement par le référent de parcours"),
          new Item("parcours-insertion", "Préparation de l'inscription dans un parcours d'insertion")),
      "preparation-entree-iae", List.of(
          new Item("connaissance-siae", "Connaissance des SIAE et de leur fonctionnement (supports d'activité, rémunération, contrats de travail)"),
          new Item("plateforme-inclusion", "Inscription et positionnement sur la plateforme de l'inclusion"),
          new Item("decouvertes-immersions", "Découvertes et immersions en SIAE"),
          new Item("preparation-integration", "Préparation à l'intégration en SIAE"),
          new Item("integration-maintien", "Intégration et maintien au sein d'une SIAE")),
      "remobilisation-sociale", List.of(
          new Item("isolement", "Rupture de l'isolement social et autonomie"),
          new Item("estime-de-soi", "Estime de soi et confiance en soi"),
          new Item("pouvoir-d-agir", "Potentialités et pouvoir d'agir"),
          new Item("implication", "Implication dans son accompagnement et engagement dans ses démarches"),
          new Item("ressources", "Connaissance des ressources mobilisables sur le territoire"),
          new Item("parcours-socioprofessionnel", "Évolution vers un parcours à dimension socioprofessionnelle")),
      "preparation-emploi", List.of(
          new Item("projet-professionnel", "Projet professionnel construit ou consolidé"),
          new Item("competences", "Expériences et compétences identifiées et valorisées"),
          new Item("marche-travail", "Connaissance du marché du travail, des métiers qui recrutent et de l'offre de formation"),
          new Item("codes-entreprise", "Comportements et codes attendus en entreprise"),
          new Item("recherche-emploi", "Techniques de recherche d'emploi et recherche active d'emploi"),
          new Item("parcours-emploi", "Évolution vers un parcours emploi au sein de France Travail")));

  private ProgressGrids() {
  }

  /** The criteria of an action type's grid; empty when the action type has none. */
  public static List<Item> criteria(String actionType) {
    return GRIDS.getOrDefault(actionType, List.of());
  }

  /** A grid as the API gives it: criteria, levels and moments. */
  public static JsonObject gridJson(String actionType) {
    return new JsonObject().put("actionType", actionType)
        .put("criteria", new JsonArray(criteria(actionType).stream().map(Item::toJson).toList()))
        .put("levels", levels(LEVELS))
        .put("moments", new JsonArray(List.of(Moment.values()).stream()
            .map(m -> new JsonObject().put("code", m.code()).put("label", m.label())).toList()));
  }

  /** The questionnaire as the API gives it. */
  public static JsonObject questionnaireJson() {
    return new JsonObject().put("questions", new JsonArray(QUESTIONNAIRE.stream().map(Item::toJson).toList()))
        .put("levels", levels(SATISFACTION_LEVELS));
  }

  private static JsonArray levels(List<String> labels) {
    JsonArray levels = new JsonArray();
    for (int i = 0; i < labels.size(); i++) {
      levels.add(new JsonObject().put("value", i + 1).put("label", labels.get(i)));
    }
    return levels;
  }
}

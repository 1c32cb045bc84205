package fr.pacte.plugins.employment;

import fr.pacte.api.ActionType;
import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.CapacityUnit;
import fr.pacte.api.Eligibility;
import fr.pacte.api.FollowUpMode;
import fr.pacte.api.IndicatorComputation;
import fr.pacte.api.IndicatorDefinition;
import fr.pacte.api.LocalizedText;
import fr.pacte.api.ParticipationField;
import fr.pacte.api.ParticipationField.Type;
import fr.pacte.api.RenewalRule;
import fr.pacte.api.SelectionCriterion;
import java.util.List;
import org.pf4j.Extension;

/**
 * The fiche action "PREPARATION A L'EMPLOI" of the Somme call for projects "insertion" 2026-2028 (seed 002, 2e partie).
 * French wording is copied as published, spelling included, so that reports match the fiche.
 *
 * <p>The fiche's "MODALITES DE MISE EN OEUVRE" nest workshop themes and discovery actions under two bullets; the
 * modalities keep every line in the fiche's order (a bullet ending in " :" announces the lines that follow), and the
 * themes (the words before their " : ") and discovery actions are also the options of two participation fields.
 */
@Extension
public class EmploymentPreparationActionType implements ActionType {

  public static final String CODE = "preparation-emploi";

  /** The fiche's workshop themes, "indicative et non exhaustive": the last option covers the partner's own. */
  static final List<LocalizedText> WORKSHOP_THEMES = List.of(
      LocalizedText.of("Construction ou consolidation du projet professionnel", "Building or consolidating a career plan"),
      LocalizedText.of("Découverte et familiarisation avec le monde de l'entreprise", "Discovering and getting used to the business world"),
      LocalizedText.of("Découverte de l'offre de formation", "Discovering the training on offer"),
      LocalizedText.of("Maîtrise des techniques de recherches d'emploi", "Mastering job-search techniques"),
      LocalizedText.of("Sensibilisation autour de l'immersion professionnelle", "Awareness of work placements"),
      LocalizedText.of("Autre thématique proposée par le partenaire", "Other theme proposed by the partner"));

  static final List<LocalizedText> DISCOVERY_ACTIONS = List.of(
      LocalizedText.of("Visites d'entreprises et de plateaux techniques", "Visits to companies and technical training facilities"),
      LocalizedText.of("Participation aux événements de recrutement sur le territoire", "Taking part in local recruitment events"));

  public static final ActionTypeDescriptor DESCRIPTOR = new ActionTypeDescriptor(
      CODE,
      LocalizedText.of("Préparation à l'emploi", "Employment preparation"),
      FollowUpMode.COLLECTIVE_WORKSHOPS,
      CapacityUnit.WORKSHOPS_PER_YEAR,
      LocalizedText.of(
          "Allocataires du RSA dont les freins ont été résolus ou étant en cours de résolution ayant besoin d'un soutien afin de se projeter vers l'emploi en vue de préparer une reprise d'activité ou tout du moins la mise en œuvre d'un parcours centré sur l'emploi",
          "RSA recipients whose barriers have been or are being removed and who need support to look ahead to employment, "
              + "to prepare a return to work or at least an employment-focused pathway"),
      // §II.B: "seuls les bénéficiaires du RSA sont éligibles aux actions suivantes : … Préparation à l'emploi"
      Eligibility.rsaOnly(LocalizedText.of(
          "Seuls les bénéficiaires du RSA sont éligibles",
          "Only RSA recipients are eligible")),
      LocalizedText.of("Entrées et sorties permanentes", "Continuous entries and exits"),
      null,
      RenewalRule.none(),
      List.of(
          "Faciliter la construction et/ou la consolidation du projet professionnel",
          "Identifier et valoriser les expériences et les compétences",
          "Apporter des connaissances sur le marché du travail, les métiers qui recrutent, et l'offre de formation accessible",
          "Faire découvrir le monde de l'entreprise et faciliter les interactions avec les employeurs",
          "Préparer aux comportements attendus en entreprise (ponctualité, assiduité, consignes, communication ...) et aux codes de l'entreprise",
          "Former aux outils et techniques de recherche d'emploi, et faire connaître les ressources disponibles",
          "Garantir l'articulation et la complémentarité (en termes de couverture territoriale ou de pédagogie) avec l'offre accessible de France Travail",
          "Mobiliser et coordonner l'offre de service existante au profit des allocataires du RSA"),
      List.of(
          "Organisation d'ateliers collectifs et d'actions de découverte dans une logique de programmation territoriale élaborée avec le territoire d'action sociale en s'appuyant autant que de possible sur l'offre territoriale déjà existante :",
          "Ateliers collectifs sur des thématiques spécifiques :",
          "Construction ou consolidation du projet professionnel : identification et valorisation des expériences et des compétences, apport méthodologique, présentation des réalités du marché du travail, (métiers en tension du territoire et entreprises locales, opportunités de recrutement, etc.)",
          "Découverte et familiarisation avec le monde de l'entreprise : préparation aux comportements attendus",
          "Découverte de l'offre de formation : information sur les différents dispositifs et leur fonctionnement (rémunération, formations disponibles...), participation au parcours découverte de la Région, présentation des organismes de formation",
          "Maîtrise des techniques de recherches d'emploi : préparation d'une candidature (CV, lettre de motivation, etc.), présentation lors d'un entretien (hygiène et image de soi, savoirs être), simulation d'entretien de recrutement, mobilisation des outils de recherche d'emploi (France Travail, etc.)",
          "Sensibilisation autour de l'immersion professionnelle : formation à l'outil « immersion facilité », recherche d'une immersion",
          "Cette liste est indicative et non exhaustive. Il revient au partenaire de proposer un programme d'ateliers, voire de modules, cohérents avec les objectifs affichés.",
          "Actions de découverte (informations collectives, visites, etc.) et articulation avec les opérations de recrutement organisées",
          "Visites d'entreprises et de plateaux techniques",
          "Participation aux événements de recrutement sur le territoire",
          "Ces ateliers collectifs et actions de découverte ont mobilisables par les référents RSA dans le cadre des accompagnements proposés. Ils permettent notamment d'appuyer l'intensification des parcours."),
      List.of(
          ParticipationField.of("ateliers_suivis",
              LocalizedText.of("Nombre d'ateliers suivis", "Number of workshops attended"), Type.NUMBER),
          ParticipationField.choice("thematiques_ateliers",
              LocalizedText.of("Thématiques des ateliers suivis", "Themes of the workshops attended"), true, WORKSHOP_THEMES),
          ParticipationField.choice("actions_decouverte",
              LocalizedText.of("Actions de découverte suivies", "Discovery actions attended"), true, DISCOVERY_ACTIONS),
          ParticipationField.of("acces_emploi",
              LocalizedText.of("Accès à l'emploi", "Got a job"), Type.BOOLEAN),
          ParticipationField.of("date_acces_emploi",
              LocalizedText.of("Date d'accès à l'emploi", "Date of starting work"), Type.DATE),
          ParticipationField.of("parcours_emploi_france_travail",
              LocalizedText.of("Evolution vers un parcours emploi au sein de France Travail",
                  "Moved on to an employment pathway with France Travail"),
              Type.BOOLEAN),
          ParticipationField.of("reorientation_socioprofessionnelle",
              LocalizedText.of("Réorientation socioprofessionnelle", "Moved on to a socio-professional pathway"), Type.BOOLEAN),
          ParticipationField.of("evolution_parcours",
              LocalizedText.of("Evolution du parcours", "How the pathway evolved"), Type.TEXT)),
      List.of(
          new IndicatorDefinition("ateliers_actions_organises",
              LocalizedText.of("Nombre d'ateliers et d'actions organisées", "Number of workshops and actions organised"),
              "ateliers et actions")
              .computedAs(IndicatorComputation.workshopSessions()),
          new IndicatorDefinition("participants_par_atelier",
              LocalizedText.of("Nombre de participants par ateliers", "Number of participants per workshop"),
              "participants par atelier")
              .computedAs(IndicatorComputation.participantsPerSession()),
          new IndicatorDefinition("ateliers_par_participant",
              LocalizedText.of("Nombre d'ateliers mobilisés par participant", "Number of workshops used per participant"),
              "ateliers par participant")
              .computedAs(IndicatorComputation.sessionsPerParticipant()),
          new IndicatorDefinition("acces_emploi",
              LocalizedText.of("Accès à l'emploi des participants", "Participants who got a job"),
              "participants")
              .computedAs(IndicatorComputation.fieldTrue("acces_emploi")),
          new IndicatorDefinition("evolution_parcours",
              LocalizedText.of("Evolution des parcours des participants aux ateliers (ex : réorientation socioprofessionnelle)",
                  "How the participants' pathways evolved (e.g. moving on to a socio-professional pathway)"),
              "participants")
              .computedAs(IndicatorComputation.fieldTrue("reorientation_socioprofessionnelle"))),
      List.of(
          "Projet professionnel consolidé",
          "Recherche active d'emploi",
          "Evolution vers un parcours emploi au sein de France Travail"),
      // The call's criteria "plus spécifiquement dans le cas des actions relevant d'ateliers collectifs" (§III.B.1).
      List.of(
          new SelectionCriterion("diversite_coherence_ateliers",
              LocalizedText.of("Diversité et cohérence des ateliers proposés", "Diversity and consistency of the workshops proposed")),
          new SelectionCriterion("ateliers_en_modules",
              LocalizedText.of("Inscription des ateliers dans des modules permettant de maintenir une logique de parcours",
                  "Workshops organised in modules that keep a pathway logic")),
          new SelectionCriterion("appui_partenaires_locaux",
              LocalizedText.of("Capacité à s'appuyer sur le réseau des partenaires locaux et notamment sur des actions déjà existantes",
                  "Ability to build on the network of local partners, notably on existing actions"))),
      // §III.B.1 ("un préprojet de programmation d'ateliers") and §IV (the fiche for prescribers and the public).
      List.of(
          "Préprojet de programmation d'ateliers",
          "Fiche descriptive synthétique de l'action destinée aux prescripteurs et aux publics"),
      List.of(
          "Durée : la rubrique « RYTHME ET DUREE » ne donne que « Entrées et sorties permanentes » ; aucune durée maximale "
              + "n'est fixée. Les besoins du §II.C sont exprimés en nombre d'ateliers annuels.",
          "La rubrique du public s'intitule « PUBLICS CIBLES », sans « ET PREREQUIS » comme dans les autres fiches.",
          "Les thématiques d'ateliers sont une liste « indicative et non exhaustive » : le champ des thématiques suivies "
              + "reprend l'intitulé de chacune (avant « : ») et propose en plus « Autre thématique proposée par le partenaire », "
              + "qui n'est pas dans la fiche.",
          "Coquilles conservées : « Ces ateliers collectifs et actions de découverte ont mobilisables » (pour « sont "
              + "mobilisables », comme dans la fiche Remobilisation sociale) ; « l'outil « immersion facilité » » (le service "
              + "se nomme « Immersion facilitée ») ; « Nombre d'ateliers et d'actions organisées », « Nombre de participants "
              + "par ateliers », « Evolution » sans accent."));

  @Override
  public ActionTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }
}

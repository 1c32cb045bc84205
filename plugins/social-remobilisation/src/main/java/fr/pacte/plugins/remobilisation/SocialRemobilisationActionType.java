package fr.pacte.plugins.remobilisation;

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
 * The fiche action "REMOBILISATION SOCIALE" of the Somme call for projects "insertion" 2026-2028 (seed 002, 2e partie).
 * French wording is copied as published, spelling included, so that reports match the fiche.
 *
 * <p>The fiche's "MODALITES DE MISE EN OEUVRE" nest workshop themes and discovery actions under two bullets; the
 * modalities keep every line in the fiche's order (a bullet ending in " :" announces the lines that follow), and the
 * themes and discovery actions are also the options of two participation fields.
 */
@Extension
public class SocialRemobilisationActionType implements ActionType {

  public static final String CODE = "remobilisation-sociale";

  /** The fiche's workshop themes, "indicative et non exhaustive": the last option covers the partner's own. */
  static final List<LocalizedText> WORKSHOP_THEMES = List.of(
      LocalizedText.of("Développement des compétences relationnelles (soft skills)", "Developing interpersonal (soft) skills"),
      LocalizedText.of("Valorisation des potentialités et des compétences", "Highlighting potential and skills"),
      LocalizedText.of("Travail l'image de soi (dont hygiène)", "Working on self-image (including hygiene)"),
      LocalizedText.of("Accès au droit (démarches administratives)", "Access to rights (administrative procedures)"),
      LocalizedText.of("Soutien à la parentalité (séparation parent/enfant)", "Parenting support (parent/child separation)"),
      LocalizedText.of("Anticiper les changements dans le cadre d'une reprise d'activité", "Anticipating the changes of returning to work"),
      LocalizedText.of("Connaissance des codes et du monde du travail", "Knowing the world of work and its codes"),
      LocalizedText.of("Autre thématique proposée par le partenaire", "Other theme proposed by the partner"));

  static final List<LocalizedText> DISCOVERY_ACTIONS = List.of(
      LocalizedText.of("Découverte de l'offre de service locale", "Discovering local services"),
      LocalizedText.of("Découverte des actions relatives à la préparation vers l'emploi", "Discovering employment preparation actions"));

  public static final ActionTypeDescriptor DESCRIPTOR = new ActionTypeDescriptor(
      CODE,
      LocalizedText.of("Remobilisation sociale", "Social remobilisation"),
      FollowUpMode.COLLECTIVE_WORKSHOPS,
      CapacityUnit.WORKSHOPS_PER_YEAR,
      LocalizedText.of(
          "Allocataires du RSA ayant besoin d'être redynamisés et de développer leurs compétences sociales et relationnelles afin de garantir l'efficacité de l'accompagnement proposé",
          "RSA recipients who need a new impetus and to develop their social and interpersonal skills so that their follow-up can work"),
      // §II.B: "seuls les bénéficiaires du RSA sont éligibles aux actions suivantes : … Remobilisation sociale …"
      Eligibility.rsaOnly(LocalizedText.of(
          "Seuls les bénéficiaires du RSA sont éligibles",
          "Only RSA recipients are eligible")),
      LocalizedText.of("Entrées et sorties permanentes", "Continuous entries and exits"),
      null,
      RenewalRule.none(),
      List.of(
          "Rendre possible la mise en œuvre du parcours d'accompagnement par le référent RSA",
          "Rompre l'isolement social et favoriser l'autonomie",
          "Développer l'estime de soi et la confiance en soi",
          "Travailler les potentialités et le pouvoir d'agir",
          "Préparer l'inscription dans un parcours d'insertion professionnelle",
          "Faire découvrir les ressources mobilisables en vue de sécuriser les prescriptions futures",
          "Mobiliser et coordonner l'offre de service existante au profit des allocataires du RSA"),
      List.of(
          "Organisation au besoin d'un ou deux rendez-vous individuels préparatoires afin d'accueillir le bénéficiaire et le sécuriser dans la perspective de sa participation à des temps collectifs.",
          "Organisation d'ateliers collectifs et d'actions de découverte de l'environnement social dans une logique de programmation territoriale hebdomadaire élaborée avec le territoire d'action sociale en s'appuyant autant que de possible sur l'offre territoriale déjà existante :",
          "Ateliers collectifs sur des thématiques spécifiques :",
          "Développement des compétences relationnelles (soft skills)",
          "Valorisation des potentialités et des compétences",
          "Travail l'image de soi (dont hygiène)",
          "Accès au droit (démarches administratives)",
          "Soutien à la parentalité (séparation parent/enfant)",
          "Anticiper les changements dans le cadre d'une reprise d'activité",
          "Connaissance des codes et du monde du travail",
          "Etc.",
          "Cette liste est indicative et non exhaustive. Il revient au partenaire de proposer un programme d'ateliers, voire de modules, cohérents avec les objectifs affichés.",
          "Actions de découverte de l'offre de service locale (informations collectives, visites, etc.)",
          "Découverte de l'offre de service locale au travers la présentation des différents services et acteurs du territoire pouvant constituer des ressources pour la personne.",
          "Découverte des actions relatives à la préparation vers l'emploi afin de faciliter la transition vers un parcours à dimension socioprofessionnelle.",
          "Ces ateliers collectifs et actions de découverte sont mobilisables par les référents RSA dans le cadre des accompagnements proposés. Ils permettent notamment d'appuyer l'intensification des parcours."),
      List.of(
          ParticipationField.of("rendez_vous_preparatoires",
              LocalizedText.of("Nombre de rendez-vous individuels préparatoires (un ou deux, au besoin)",
                  "Number of preparatory individual appointments (one or two, if needed)"),
              Type.NUMBER),
          ParticipationField.of("ateliers_suivis",
              LocalizedText.of("Nombre d'ateliers suivis", "Number of workshops attended"), Type.NUMBER),
          ParticipationField.choice("thematiques_ateliers",
              LocalizedText.of("Thématiques des ateliers suivis", "Themes of the workshops attended"), true, WORKSHOP_THEMES),
          ParticipationField.choice("actions_decouverte",
              LocalizedText.of("Actions de découverte suivies", "Discovery actions attended"), true, DISCOVERY_ACTIONS),
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
          new IndicatorDefinition("evolution_parcours",
              LocalizedText.of("Evolution des parcours des participants aux ateliers (ex : réorientation socioprofessionnelle)",
                  "How the participants' pathways evolved (e.g. moving on to a socio-professional pathway)"),
              "participants")
              .computedAs(IndicatorComputation.fieldTrue("reorientation_socioprofessionnelle"))),
      List.of(
          "Remobilisation et redynamisation",
          "Implication dans son accompagnement et engagement dans ses démarches",
          "Participation à d'autres actions susceptibles de concourir à la réalisation de ses projets",
          "Evolution vers un parcours à dimension socioprofessionnelle"),
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
          "Les thématiques d'ateliers sont une liste « indicative et non exhaustive » (« Etc. ») : le champ des thématiques "
              + "suivies propose en plus « Autre thématique proposée par le partenaire », qui n'est pas dans la fiche.",
          "Orthographe conservée : « Travail l'image de soi (dont hygiène) », « Nombre d'ateliers et d'actions organisées », "
              + "« Nombre de participants par ateliers », « Evolution » sans accent."));

  @Override
  public ActionTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }
}

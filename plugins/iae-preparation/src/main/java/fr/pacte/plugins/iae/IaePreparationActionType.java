package fr.pacte.plugins.iae;

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
 * The fiche action "PREPARATION ET SECURISATION DE L'ENTREE EN IAE" of the Somme call for projects "insertion"
 * 2026-2028 (seed 002, 2e partie). French wording is copied as published, spelling included, so that reports match
 * the fiche.
 */
@Extension
public class IaePreparationActionType implements ActionType {

  public static final String CODE = "preparation-entree-iae";

  public static final ActionTypeDescriptor DESCRIPTOR = new ActionTypeDescriptor(
      CODE,
      LocalizedText.of("Préparation et sécurisation de l'entrée en IAE",
          "Preparing and securing entry into work-integration enterprises (IAE)"),
      FollowUpMode.INDIVIDUAL_FOLLOW_UP,
      CapacityUnit.PEOPLE_IN_FILE_ACTIVE,
      // Two lines in the fiche, kept as two lines.
      LocalizedText.of(
          "Candidats souhaitant s'orienter vers l'IAE et ayant besoin de sécuriser leur préparation dans la perspective de maximiser leur chance d'intégration\n"
              + "Candidats non retenus sur la plateforme de l'inclusion",
          "Candidates who wish to turn to IAE and need to secure their preparation to maximise their chance of being taken on\n"
              + "Candidates not selected on the inclusion platform"),
      // §II.B: "L'action portant sur la préparation à l'entrée en structures de l'IAE est quant à elle élargie à tous les
      // publics éligibles à l'IAE."
      Eligibility.iaeEligible(LocalizedText.of(
          "Tous les publics éligibles à l'IAE",
          "Everyone eligible for IAE")),
      LocalizedText.of("Entrées et sorties permanentes", "Continuous entries and exits"),
      4,
      RenewalRule.none(),
      List.of(
          "Faciliter l'accès à l'IAE au plus grand nombre",
          "Familiariser les publics avec les SIAE et leur fonctionnement (supports d'activité, rémunération, contrats de travail...)",
          "Faire découvrir la plateforme de l'inclusion",
          "Préparer les publics et maximiser leurs chances d'intégration",
          "Sécuriser l'intégration en SIAE",
          "Animer la découverte des SIAE en territoire avec ces dernières"),
      List.of(
          "Travail avec les SIAE du territoire pour organiser le repérage du public en compléments des orientations réalisées par les professionnels accompagnant les publics",
          "Mise en place d'un accompagnement individuel reposant sur des temps individuels et collectifs visant la préparation à l'intégration en SIAE.",
          "Organisation de cycles de découverte des SIAE du territoire, voire d'immersion au sein des SIAE",
          "Participation aux opérations de recrutement dédiées aux SIAE organisées par le Département et France Travail",
          "Sessions de découverte de la plateforme de l'inclusion et organisation du positionnement sur les offres",
          "Mise en place d'un comité de pilotage associant tout ou partie des SIAE du territoire",
          // A paragraph closing the fiche's "MODALITES DE MISE EN OEUVRE".
          "Il revient au partenaire d'établir les liaisons nécessaires avec le référent de parcours et l'informer en cas d'intégration en SIAE"),
      List.of(
          ParticipationField.of("candidat_non_retenu_plateforme",
              LocalizedText.of("Candidat non retenu sur la plateforme de l'inclusion", "Candidate not selected on the inclusion platform"),
              Type.BOOLEAN),
          ParticipationField.of("inscription_plateforme_inclusion",
              LocalizedText.of("Inscription sur la plateforme de l'inclusion", "Registered on the inclusion platform"),
              Type.BOOLEAN),
          ParticipationField.of("positionnements_plateforme_inclusion",
              LocalizedText.of("Nombre de positionnements sur la plateforme de l'inclusion",
                  "Number of applications on the inclusion platform"),
              Type.NUMBER),
          ParticipationField.of("decouvertes_immersions",
              LocalizedText.of("Nombre de découvertes/immersions réalisées", "Number of discovery visits/work placements"),
              Type.NUMBER),
          ParticipationField.of("recrutement_siae",
              LocalizedText.of("Recrutement en SIAE", "Recruited by a work-integration enterprise (SIAE)"),
              Type.BOOLEAN),
          ParticipationField.of("date_integration_siae",
              LocalizedText.of("Date d'intégration en SIAE", "Date of joining the SIAE"),
              Type.DATE),
          ParticipationField.of("maintien_siae",
              LocalizedText.of("Maintien au sein d'une SIAE", "Still employed by an SIAE"),
              Type.BOOLEAN),
          ParticipationField.of("preconisation_suite_parcours",
              LocalizedText.of("Préconisation de suite de parcours en cas de non-intégration",
                  "Recommended next step if not taken on"),
              Type.TEXT)),
      List.of(
          new IndicatorDefinition("personnes_accompagnees",
              LocalizedText.of("Nombre de personnes accompagnées", "Number of people supported"),
              "personnes")
              .computedAs(IndicatorComputation.peopleFollowed()),
          new IndicatorDefinition("positionnements_plateforme_inclusion",
              LocalizedText.of("Nombre de positionnements sur la plateforme de l'inclusion",
                  "Number of applications on the inclusion platform"),
              "positionnements")
              .computedAs(IndicatorComputation.fieldSum("positionnements_plateforme_inclusion")),
          new IndicatorDefinition("decouvertes_immersions",
              LocalizedText.of("Nombre de découvertes/immersions réalisées", "Number of discovery visits/work placements"),
              "découvertes ou immersions")
              .computedAs(IndicatorComputation.fieldSum("decouvertes_immersions")),
          new IndicatorDefinition("recrutements_siae",
              LocalizedText.of("Nombre de recrutements en SIAE", "Number of recruitments by SIAEs"),
              "recrutements")
              .computedAs(IndicatorComputation.fieldTrue("recrutement_siae"))),
      List.of(
          "Inscription sur la plateforme de l'inclusion",
          "Intégration et maintien au sein d'une SIAE",
          "Préconisation de suite de parcours en cas de non-intégration",
          "Solution apportée aux SIAE en termes de recrutement"),
      // The call's criteria "plus spécifiquement dans le cas des actions relevant d'un accompagnement individuel" (§III.B.1).
      List.of(
          new SelectionCriterion("qualite_methodologie_pedagogie",
              LocalizedText.of("Qualité de la méthodologie et de la pédagogie déployée", "Quality of the methodology and teaching approach")),
          new SelectionCriterion("caractere_innovant",
              LocalizedText.of("Caractère éventuellement innovant de l'action proposée", "Innovative character of the proposed action, if any")),
          new SelectionCriterion("modalite_rythme_intensite",
              LocalizedText.of("Modalité, rythme et intensité des accompagnements", "Format, pace and intensity of the follow-up"))),
      // §III.B.1 ("une modélisation de l'accompagnement proposé") and §IV (the fiche for prescribers and the public).
      List.of(
          "Modélisation de l'accompagnement proposé",
          "Fiche descriptive synthétique de l'action destinée aux prescripteurs et aux publics"),
      List.of(
          "Intitulé : la fiche action dit « PREPARATION ET SECURISATION DE L'ENTREE EN IAE », les §II.A et III.B de "
              + "l'appel à projets « Préparation à l'entrée en structure de l'IAE », le §II.B « préparation à l'entrée en "
              + "structures de l'IAE » et le tableau des besoins du §II.C « PREPARATION ENTREE IAE » ; le titre de la fiche "
              + "est retenu.",
          "Public : la fiche ne mentionne pas le RSA ; le §II.B élargit l'action « à tous les publics éligibles à l'IAE » : "
              + "l'éligibilité retenue est l'éligibilité à l'IAE, sans quota d'allocataires du RSA. Le §II.C exprime pourtant "
              + "les besoins en « nombre d'allocataires du RSA accompagnés en continu ».",
          "Orthographe conservée : « en compléments des orientations » (modalités)."));

  @Override
  public ActionTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }
}

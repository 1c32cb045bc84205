package fr.pacte.plugins.mobility;

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
 * The fiche action "PLATEFORME MOBILITE SOLIDAIRE" of the Somme call for projects "insertion" 2026-2028
 * (seed 002, 2e partie). French wording is copied as published, spelling included, so that reports match the fiche.
 */
@Extension
public class MobilityPlatformActionType implements ActionType {

  public static final String CODE = "plateforme-mobilite-solidaire";

  /** Participation field recording the renewal condition of the fiche. */
  public static final String LICENCE_SUPPORT_FIELD = "accompagnement_permis";

  static final List<LocalizedText> MOBILITY_SOLUTIONS = List.of(
      LocalizedText.of("Location sociale", "Social rental"),
      LocalizedText.of("Garage solidaire", "Solidarity garage"),
      LocalizedText.of("Autoécole sociale", "Social driving school"),
      LocalizedText.of("Mise à disposition de deux roues", "Loan of a two-wheeler"),
      LocalizedText.of("Location ou acquisition d'un moyen de locomotion", "Rental or purchase of a means of transport"),
      LocalizedText.of("Mobilisation d'aides financières", "Financial aid"),
      LocalizedText.of("Levée de freins psychologiques", "Overcoming psychological barriers"));

  static final List<LocalizedText> EXAM_RESULTS = List.of(
      LocalizedText.of("Obtenu", "Passed"),
      LocalizedText.of("Non obtenu", "Failed"));

  public static final ActionTypeDescriptor DESCRIPTOR = new ActionTypeDescriptor(
      CODE,
      LocalizedText.of("Plateforme mobilité solidaire", "Solidarity mobility platform"),
      FollowUpMode.INDIVIDUAL_FOLLOW_UP,
      CapacityUnit.PEOPLE_IN_FILE_ACTIVE,
      LocalizedText.of(
          "Tous publics vulnérables ou en insertion dont 70% de BRSA nécessitant une solution de mobilité ponctuelle ou pérenne",
          "All vulnerable people or people in an insertion pathway, 70% of them RSA recipients, who need a one-off or lasting mobility solution"),
      Eligibility.openWithRsaQuota(70, LocalizedText.of(
          "Tous publics vulnérables ou en insertion dont 70% de BRSA",
          "All vulnerable people or people in an insertion pathway, 70% of them RSA recipients")),
      LocalizedText.of("Entrées et sorties permanentes", "Continuous entries and exits"),
      6,
      RenewalRule.when(
          LocalizedText.of("Renouvellement si accompagnement au permis", "Renewable when the person is supported towards the driving licence"),
          LICENCE_SUPPORT_FIELD),
      List.of(
          "Faire des plateformes mobilité des acteurs pivot en matière de mobilité solidaire à l'échelle des territoires d'action sociale",
          "Apporter un service complet en matière de mobilité solidaire (accueil, information, orientation, diagnostic, accompagnement)",
          "Proposer un accompagnement spécialisé au travers l'intervention de conseillers mobilité, et apporter des solutions adaptées aux problématiques rencontrées par les publics vulnérables ou en insertion, en ne réduisant pas ces solutions à l'obtention du permis de conduire",
          "Faciliter le parcours du bénéficiaire et garantir l'accès à une offre de service socle au travers la coordination de l'offre de service existante à l'échelle du territoire et plus largement",
          "Porter une approche spécifique en direction des personnes exerçant dans le champ des services à la personnes ou souhaitant y exercer."),
      List.of(
          "Référencement et actualisation de l'offre de service en matière de mobilité solidaire à l'échelle du territoire au travers notamment la plateforme DORA",
          "Prise en charge d'une fonction de guichet unique à l'échelle du territoire : accueil information, orientation du public",
          "Coordination de l'offre de service à l'échelle locale et plus largement afin de faciliter le parcours des bénéficiaires",
          "Proposer un accompagnement individuel spécialisé sur la base du diagnostic réalisé afin d'aboutir à une solution de mobilité au travers le cas échéant la levée de freins psychologiques, la location ou à l'acquisition d'un moyen de locomotion, la mobilisation d'aides financières, le passage du code de la route et du permis de conduire."),
      List.of(
          ParticipationField.of("diagnostic", LocalizedText.of("Diagnostic mobilité", "Mobility diagnostic"), Type.TEXT),
          ParticipationField.choice("solutions_mobilite",
              LocalizedText.of("Solutions de mobilité mobilisées", "Mobility solutions used"), true, MOBILITY_SOLUTIONS),
          ParticipationField.of(LICENCE_SUPPORT_FIELD,
              LocalizedText.of("Accompagnement au permis", "Support towards the driving licence"), Type.BOOLEAN),
          ParticipationField.of("code_route_date",
              LocalizedText.of("Date de passage du code de la route", "Date of the highway code test"), Type.DATE),
          ParticipationField.choice("code_route_resultat",
              LocalizedText.of("Résultat du code de la route", "Highway code test result"), false, EXAM_RESULTS),
          ParticipationField.of("permis_date",
              LocalizedText.of("Date de passage du permis de conduire", "Date of the driving test"), Type.DATE),
          ParticipationField.choice("permis_resultat",
              LocalizedText.of("Résultat du permis de conduire", "Driving test result"), false, EXAM_RESULTS)),
      List.of(
          new IndicatorDefinition("sollicitations",
              LocalizedText.of("Nombre de sollicitations des plateforme mobilité", "Number of requests to the mobility platforms"),
              "sollicitations")
              .computedAs(IndicatorComputation.orientations()),
          new IndicatorDefinition("accompagnements_realises",
              LocalizedText.of("Nombre d'accompagnements réalisés", "Number of follow-ups carried out"),
              "accompagnements")
              .computedAs(IndicatorComputation.entries()),
          new IndicatorDefinition("solutions_mobilite_mobilisees",
              LocalizedText.of("Nombre de solutions mobilité mobilisées", "Number of mobility solutions used"),
              "solutions")
              .computedAs(IndicatorComputation.fieldChoices("solutions_mobilite")),
          new IndicatorDefinition("personnes_accompagnees_code_permis",
              LocalizedText.of("Nombre de personnes accompagnées au passage du code et du permis de conduire",
                  "Number of people supported towards the highway code and driving tests"),
              "personnes")
              .computedAs(IndicatorComputation.fieldTrue(LICENCE_SUPPORT_FIELD)),
          new IndicatorDefinition("obtentions_code_permis",
              LocalizedText.of("Nombre d'obtention du code et du permis de conduire",
                  "Number of highway code and driving licences obtained"),
              "obtentions")
              .computedAs(IndicatorComputation.fieldEquals("Obtenu", "code_route_resultat", "permis_resultat"))),
      List.of(
          "Accès à une solution de mobilité pérenne",
          "Présentation et réussite aux examens du code et du permis",
          "Mise en place de solutions de mobilité transitoires en cas d'échec à l'examen",
          "Déploiement d'une offre de mobilité solidaire socle à l'échelle du territoire"),
      // The call's criteria "plus spécifiquement dans le cas des actions relevant d'un accompagnement individuel" (§III.B.1).
      List.of(
          new SelectionCriterion("qualite_methodologie_pedagogie",
              LocalizedText.of("Qualité de la méthodologie et de la pédagogie déployée", "Quality of the methodology and teaching approach")),
          new SelectionCriterion("caractere_innovant",
              LocalizedText.of("Caractère éventuellement innovant de l'action proposée", "Innovative character of the proposed action, if any")),
          new SelectionCriterion("modalite_rythme_intensite",
              LocalizedText.of("Modalité, rythme et intensité des accompagnements", "Format, pace and intensity of the follow-up"))),
      List.of(
          "Modélisation de l'accompagnement proposé",
          "Fiche descriptive synthétique de l'action destinée aux prescripteurs et aux publics"),
      List.of(
          "Quota d'allocataires du RSA : le §II.B de l'appel à projets indique 75 % pour les plateformes mobilité solidaire, "
              + "la fiche action indique 70 % (« dont 70% de BRSA ») ; le chiffre de la fiche, 70 %, est retenu."));

  @Override
  public ActionTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }
}

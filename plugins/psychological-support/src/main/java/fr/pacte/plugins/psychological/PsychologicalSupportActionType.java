package fr.pacte.plugins.psychological;

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
 * The fiche action "EQUILIBRE EMOTIONNEL ET PSYCHOLOGIQUE" of the Somme call for projects "insertion" 2026-2028
 * (seed 002, 2e partie). French wording is copied as published, spelling included, so that reports match the fiche.
 *
 * <p>The participation fields record health-related facts (art. 9 GDPR): they are kept to dates, booleans and a
 * closed choice, with no free text, so that nobody is invited to write a diagnosis into Pacte.
 */
@Extension
public class PsychologicalSupportActionType implements ActionType {

  public static final String CODE = "equilibre-emotionnel-psychologique";

  static final List<LocalizedText> DIAGNOSTIC_OUTCOMES = List.of(
      LocalizedText.of("Accompagnement individuel spécialisé par le partenaire",
          "Specialised individual follow-up by the partner"),
      LocalizedText.of("Poursuite de l'accompagnement par le référent RSA",
          "Follow-up continued by the RSA case worker"));

  public static final ActionTypeDescriptor DESCRIPTOR = new ActionTypeDescriptor(
      CODE,
      LocalizedText.of("Equilibre émotionnel et psychologique", "Emotional and psychological balance"),
      FollowUpMode.INDIVIDUAL_FOLLOW_UP,
      CapacityUnit.PEOPLE_IN_FILE_ACTIVE,
      LocalizedText.of(
          "Allocataires du RSA présentant une problématique liée à la santé mentale entravant la mise en place d'un parcours d'insertion",
          "RSA recipients with a mental health issue that stands in the way of an insertion pathway"),
      // §II.B: "seuls les bénéficiaires du RSA sont éligibles aux actions suivantes : Gestion des équilibres émotionnels…"
      Eligibility.rsaOnly(LocalizedText.of(
          "Seuls les bénéficiaires du RSA sont éligibles",
          "Only RSA recipients are eligible")),
      LocalizedText.of("Entrées et sorties permanentes", "Continuous entries and exits"),
      12,
      RenewalRule.none(),
      List.of(
          "Soutenir le rétablissement de la personne (reprise de traitement, nutrition, sommeil, etc.) afin de permettre la reprise d'un accompagnement par le référent RSA",
          "Accompagner le bénéficiaire vers un parcours de soins adapté ou la reprise de soins via l'offre de droit commun",
          "Préparer le cas échéant l'inscription dans un parcours d'insertion",
          "Apporter un appui aux professionnels sur les sujets liés à l'équilibre émotionnel et psychologique"),
      List.of(
          "Réalisation d'un diagnostic sur la base d'un entretien tripartite (partenaire, bénéficiaire, référent de parcours) afin de déterminer la nécessité de mettre en place un accompagnement individuel spécialisé par le partenaire ou la poursuite de l'accompagnement par le référent RSA",
          "En fonction du diagnostic posé, mise en place d'un accompagnement individuel spécialisé permettant le rétablissement de la personne et son inscription dans un parcours de soin",
          "Appui aux professionnels afin de leur apporter un éclairage quant aux situations rencontrées et aux réponses à y apporter",
          "Articulation avec les référents RSA qui assurent de leur côté les démarches d'accès aux droits"),
      List.of(
          ParticipationField.of("diagnostic_tripartite_date",
              LocalizedText.of("Date de l'entretien tripartite de diagnostic (partenaire, bénéficiaire, référent de parcours)",
                  "Date of the three-party diagnostic interview (partner, beneficiary, pathway case worker)"),
              Type.DATE),
          ParticipationField.choice("suite_diagnostic",
              LocalizedText.of("Suite donnée au diagnostic", "Outcome of the diagnostic"), false, DIAGNOSTIC_OUTCOMES),
          ParticipationField.of("reprise_parcours_soin",
              LocalizedText.of("Reprise d'un parcours de soin", "Back in a care pathway"), Type.BOOLEAN),
          ParticipationField.of("stabilisation_etat_sante",
              LocalizedText.of("Stabilisation de l'état de santé", "Health condition stabilised"), Type.BOOLEAN),
          ParticipationField.of("reprise_accompagnement_referent",
              LocalizedText.of("Reprise de l'accompagnement par le référent de parcours",
                  "Follow-up resumed by the pathway case worker"),
              Type.BOOLEAN)),
      List.of(
          new IndicatorDefinition("personnes_accompagnees",
              LocalizedText.of("Nombre de personnes accompagnées", "Number of people supported"),
              "personnes")
              .computedAs(IndicatorComputation.peopleFollowed()),
          new IndicatorDefinition("reprises_parcours_soin",
              LocalizedText.of("Nombre de personnes ayant repris un parcours de soin",
                  "Number of people back in a care pathway"),
              "personnes")
              .computedAs(IndicatorComputation.fieldTrue("reprise_parcours_soin")),
          new IndicatorDefinition("stabilisations_etat_sante",
              LocalizedText.of("Nombre d'accompagnements ayant permis une stabilisation de l'état de santé",
                  "Number of follow-ups that stabilised the person's health"),
              "accompagnements")
              .computedAs(IndicatorComputation.fieldTrue("stabilisation_etat_sante")),
          new IndicatorDefinition("rencontres_professionnels",
              LocalizedText.of("Nombre de rencontres et temps d'échange organisés à destination des professionnels",
                  "Number of meetings and exchanges organised for professionals"),
              "rencontres et temps d'échange")
              .computedAs(IndicatorComputation.entered())),
      List.of(
          "Inscription du bénéficiaire dans un parcours de soins",
          "Remobilisation et redynamisation",
          "Reprise de l'accompagnement par le référent de parcours"),
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
          "Intitulé : la fiche action et le tableau des besoins du §II.C disent « EQUILIBRE EMOTIONNEL ET PSYCHOLOGIQUE », "
              + "les §II.A, II.B et III.B de l'appel à projets « Gestion des équilibres émotionnels et psychologiques » ; "
              + "le titre de la fiche est retenu.",
          "La fiche écrit « parcours de soin » (modalités, indicateur) et « parcours de soins » (objectifs, attendus) ; "
              + "chaque texte est repris tel que publié.",
          "Le dernier indicateur (rencontres et temps d'échange à destination des professionnels) compte une activité de la "
              + "structure, non une participation : aucun champ de participation ne le porte."));

  @Override
  public ActionTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }
}

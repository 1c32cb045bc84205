package org.example.pacte.garde;

import fr.pacte.api.ActionType;
import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.CapacityMeasure;
import fr.pacte.api.Eligibility;
import fr.pacte.api.EligibilityRule;
import fr.pacte.api.FollowUpMode;
import fr.pacte.api.IndicatorDefinition;
import fr.pacte.api.LocalizedText;
import fr.pacte.api.ParticipationField;
import java.util.List;
import org.pf4j.Extension;

/**
 * "Faciliter l'accès aux modes de garde" (fiche 2-2 of the Somme's PDI): childcare places booked for parents in an
 * insertion pathway. Counted in places of its own, open to the "public en insertion" without a quota; a fiche in no
 * call, so without selection criteria nor attachments of its own.
 */
@Extension
public class ChildcareActionType implements ActionType {

  static final ActionTypeDescriptor DESCRIPTOR = new ActionTypeDescriptor(
      "modes-de-garde",
      LocalizedText.of("Faciliter l'accès aux modes de garde", "Easier access to childcare"),
      FollowUpMode.INDIVIDUAL_FOLLOW_UP,
      null,
      LocalizedText.of("Public en insertion, parents en instance de sépartation",
          "People in an insertion pathway, parents separating"),
      Eligibility.own(new EligibilityRule("public-en-insertion",
              LocalizedText.of("Public en insertion, sans quota", "People in an insertion pathway, no quota")),
          LocalizedText.of("Public en insertion", "People in an insertion pathway")),
      LocalizedText.of("Places réservées selon les besoins des parents", "Places booked as parents need them"),
      null,
      null,
      List.of("Développement et mobilisation des crèches AVIP",
          "Développement de la labellisation AVIP pour des assistantes maternelles"),
      List.of("Organisation de rencontres entre assistantes maternelles et référents insertion",
          "Travail avec les services d'aide à domicile"),
      List.of(ParticipationField.of("horaires_atypiques", LocalizedText.of("Horaires atypiques", "Atypical hours"),
          ParticipationField.Type.BOOLEAN)),
      List.of(new IndicatorDefinition("places-reservees",
              LocalizedText.of("Nbr de places réservées en faveur des publics en insertion", "Places booked"), "places"),
          new IndicatorDefinition("sorties-positives",
              LocalizedText.of("Nbr de sorties positives", "Positive exits"), "personnes")),
      List.of("Les parents en parcours d'insertion accèdent plus facilement à une information complète relative à la "
          + "garde d'enfant"),
      List.of(),
      List.of(),
      List.of(),
      CapacityMeasure.own("places-de-garde", LocalizedText.of("places de garde", "childcare places"), true));

  @Override
  public ActionTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }
}

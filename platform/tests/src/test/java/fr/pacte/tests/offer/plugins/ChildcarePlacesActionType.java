package fr.pacte.tests.offer.plugins;

import fr.pacte.api.ActionType;
import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.CapacityMeasure;
import fr.pacte.api.Eligibility;
import fr.pacte.api.EligibilityRule;
import fr.pacte.api.FollowUpMode;
import fr.pacte.api.LocalizedText;
import java.util.List;

/** An action type counted in a unit of its own, "places de garde", with its singular: the host must use its words. */
public class ChildcarePlacesActionType implements ActionType {

  public static final String ID = "own-unit-childcare";
  public static final String CODE = "modes-de-garde";

  static final ActionTypeDescriptor DESCRIPTOR = new ActionTypeDescriptor(
      CODE,
      LocalizedText.of("Faciliter l'accès aux modes de garde", "Easier access to childcare"),
      FollowUpMode.INDIVIDUAL_FOLLOW_UP,
      null,
      LocalizedText.fr("Public en insertion"),
      Eligibility.own(new EligibilityRule("public-en-insertion", LocalizedText.fr("Public en insertion, sans quota")),
          LocalizedText.fr("Public en insertion")),
      null,
      null,
      null,
      List.of("Développement et mobilisation des crèches AVIP"),
      List.of(),
      List.of(),
      List.of(),
      List.of("Les parents en parcours d'insertion accèdent plus facilement à la garde d'enfant"),
      List.of(),
      List.of(),
      List.of(),
      CapacityMeasure.own("places-de-garde", LocalizedText.of("places de garde", "childcare places"),
          LocalizedText.of("place de garde", "childcare place"), true));

  @Override
  public ActionTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }
}

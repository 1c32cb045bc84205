package ${package};

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
 * The action type "${label}": its fiche as published, field for field. Replace the sample texts by the fiche's own,
 * word for word, and the published text in src/test/resources/fiche.txt with it: PluginActionTypeTest compares them.
 */
@Extension
public class PluginActionType implements ActionType {

  public static final ActionTypeDescriptor DESCRIPTOR = new ActionTypeDescriptor(
      "${actionTypeCode}",
      LocalizedText.of("${label}", "${label} (English label)"),
      FollowUpMode.INDIVIDUAL_FOLLOW_UP,
      // null: the unit is the action type's own, given last (CapacityMeasure); or CapacityUnit.PEOPLE_IN_FILE_ACTIVE…
      null,
      LocalizedText.of("Public en insertion du département", "People in an insertion pathway"),
      // Or Eligibility.rsaOnly(…), iaeEligible(…), openWithRsaQuota(70, …).
      Eligibility.own(new EligibilityRule("public-en-insertion",
              LocalizedText.of("Public en insertion, sans quota", "People in an insertion pathway, no quota")),
          LocalizedText.of("Public en insertion", "People in an insertion pathway")),
      LocalizedText.of("Entrées et sorties permanentes", "Permanent entries and exits"),
      6,
      null,
      List.of("Lever un frein à l'insertion"),
      List.of("Accompagnement individuel par l'opérateur"),
      List.of(ParticipationField.of("frein_leve", LocalizedText.of("Frein levé", "Barrier removed"),
          ParticipationField.Type.BOOLEAN)),
      List.of(new IndicatorDefinition("personnes-accompagnees",
          LocalizedText.of("Nombre de personnes accompagnées", "People supported"), "personnes")),
      List.of("Reprise d'un parcours d'insertion"),
      // A fiche in no call: no criteria nor attachments of its own (a call weighs it on its general criteria).
      List.of(),
      List.of(),
      List.of(),
      CapacityMeasure.own("places", LocalizedText.of("places", "places"), true));

  @Override
  public ActionTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }
}

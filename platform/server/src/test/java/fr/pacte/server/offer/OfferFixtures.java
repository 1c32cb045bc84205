package fr.pacte.server.offer;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.CapacityUnit;
import fr.pacte.api.Eligibility;
import fr.pacte.api.FollowUpMode;
import fr.pacte.api.LocalizedText;
import java.util.List;
import java.util.Map;

/** Two action types worded as the fiches of seed 002 (the plugins' own descriptors are not on this class path). */
final class OfferFixtures {

  static final ActionTypeDescriptor REMOBILISATION = new ActionTypeDescriptor("remobilisation-sociale",
      LocalizedText.of("Remobilisation sociale", "Social remobilisation"), FollowUpMode.COLLECTIVE_WORKSHOPS,
      CapacityUnit.WORKSHOPS_PER_YEAR,
      LocalizedText.of("Allocataires du RSA ayant besoin d'être redynamisés et de développer leurs compétences sociales et "
          + "relationnelles afin de garantir l'efficacité de l'accompagnement proposé", null),
      Eligibility.rsaOnly(LocalizedText.of("Seuls les bénéficiaires du RSA sont éligibles", null)),
      LocalizedText.of("Entrées et sorties permanentes", null), null, null, List.of(), List.of(), List.of(), List.of(),
      List.of(), List.of(), List.of(), List.of());

  static final ActionTypeDescriptor MOBILITY = new ActionTypeDescriptor("plateforme-mobilite-solidaire",
      LocalizedText.of("Plateforme mobilité solidaire", "Solidarity mobility platform"), FollowUpMode.INDIVIDUAL_FOLLOW_UP,
      CapacityUnit.PEOPLE_IN_FILE_ACTIVE, LocalizedText.of("Publics vulnérables", null),
      Eligibility.openWithRsaQuota(70, LocalizedText.of("Ouverte à l'ensemble des publics vulnérables, dont 70% de BRSA", null)),
      LocalizedText.of("Entrées et sorties permanentes", null), 6, null, List.of(), List.of(), List.of(), List.of(),
      List.of(), List.of(), List.of(), List.of());

  static final Map<String, ActionTypeDescriptor> TYPES = Map.of(REMOBILISATION.code(), REMOBILISATION, MOBILITY.code(), MOBILITY);

  private OfferFixtures() {
  }
}

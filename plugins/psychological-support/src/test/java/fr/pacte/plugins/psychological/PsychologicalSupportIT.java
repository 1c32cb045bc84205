package fr.pacte.plugins.psychological;

import fr.pacte.testkit.ActionTypePluginContract;
import org.junit.jupiter.api.Test;

/**
 * The built plugin jar, installed in a real platform with two tenants, enabled for the Somme only: the contract of
 * every action-type plugin, and what is this one's own.
 */
class PsychologicalSupportIT extends ActionTypePluginContract {

  PsychologicalSupportIT() {
    super("psychological-support", "equilibre-emotionnel-psychologique", "Equilibre émotionnel et psychologique");
  }

  @Test
  void thePageShowsTwelveMonthsWithoutRenewalForRsaRecipientsOnly() {
    assertPageShows(
        "accompagnement individuel (file active), besoins et places comptés en personnes en file active.",
        "<p>Allocataires du RSA présentant une problématique liée à la santé mentale",
        "Seuls les bénéficiaires du RSA sont éligibles.",
        "<li>12 mois maximum</li>",
        "<li>Pas de renouvellement prévu</li>",
        "Stabilisation de l&#39;état de santé : oui ou non",
        "<li>Poursuite de l&#39;accompagnement par le référent RSA</li>",
        "<li>Nombre de personnes ayant repris un parcours de soin <span class=\"muted\">(en personnes)</span></li>",
        "Gestion des équilibres émotionnels et psychologiques");
  }
}

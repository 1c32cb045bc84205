package fr.pacte.plugins.iae;

import fr.pacte.testkit.ActionTypePluginContract;
import org.junit.jupiter.api.Test;

/**
 * The built plugin jar, installed in a real platform with two tenants, enabled for the Somme only: the contract of
 * every action-type plugin, and what is this one's own.
 */
class IaePreparationIT extends ActionTypePluginContract {

  IaePreparationIT() {
    super("iae-preparation", "preparation-entree-iae", "Préparation et sécurisation de l'entrée en IAE");
  }

  @Test
  void thePageShowsFourMonthsWithoutRenewalForEveryoneEligibleForIae() {
    assertPageShows(
        "<p>Candidats souhaitant s&#39;orienter vers l&#39;IAE et ayant besoin",
        "<p>Candidats non retenus sur la plateforme de l&#39;inclusion</p>",
        "Tous les publics éligibles à l&#39;IAE.",
        "<li>4 mois maximum</li>",
        "Nombre de positionnements sur la plateforme de l&#39;inclusion : nombre",
        "Recrutement en SIAE : oui ou non",
        "<li>Nombre de recrutements en SIAE <span class=\"muted\">(en recrutements)</span></li>",
        "PREPARATION ENTREE IAE");
  }
}

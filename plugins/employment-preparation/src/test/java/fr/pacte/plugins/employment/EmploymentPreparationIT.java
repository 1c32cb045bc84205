package fr.pacte.plugins.employment;

import static org.junit.jupiter.api.Assertions.assertFalse;

import fr.pacte.testkit.ActionTypePluginContract;
import org.junit.jupiter.api.Test;

/**
 * The built plugin jar, installed in a real platform with two tenants, enabled for the Somme only: the contract of
 * every action-type plugin, and what is this one's own.
 */
class EmploymentPreparationIT extends ActionTypePluginContract {

  EmploymentPreparationIT() {
    super("employment-preparation", "preparation-emploi", "Préparation à l'emploi");
  }

  @Test
  void thePageShowsWorkshopsForRsaRecipientsOnlyWithoutMaximumDuration() {
    assertPageShows(
        "ateliers collectifs, besoins et places comptés en ateliers par an.",
        "<p>Allocataires du RSA dont les freins ont été résolus",
        "Seuls les bénéficiaires du RSA sont éligibles.",
        "<li>Pas de durée maximale fixée par la fiche</li>",
        "formation à l&#39;outil « immersion facilité », recherche d&#39;une immersion</li>",
        "<li>Visites d&#39;entreprises et de plateaux techniques</li>",
        "Accès à l&#39;emploi : oui ou non",
        "<li>Accès à l&#39;emploi des participants <span class=\"muted\">(en participants)</span></li>",
        "<li>Evolution vers un parcours emploi au sein de France Travail</li>");
    assertFalse(fichePage().contains("mois maximum"));
  }
}

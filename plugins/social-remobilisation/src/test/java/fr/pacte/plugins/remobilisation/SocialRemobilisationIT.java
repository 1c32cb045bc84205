package fr.pacte.plugins.remobilisation;

import static org.junit.jupiter.api.Assertions.assertFalse;

import fr.pacte.testkit.ActionTypePluginContract;
import org.junit.jupiter.api.Test;

/**
 * The built plugin jar, installed in a real platform with two tenants, enabled for the Somme only: the contract of
 * every action-type plugin, and what is this one's own.
 */
class SocialRemobilisationIT extends ActionTypePluginContract {

  SocialRemobilisationIT() {
    super("social-remobilisation", "remobilisation-sociale", "Remobilisation sociale");
  }

  @Test
  void thePageShowsWorkshopsForRsaRecipientsOnlyWithoutMaximumDuration() {
    assertPageShows(
        "ateliers collectifs, besoins et places comptés en ateliers par an.",
        "<p>Allocataires du RSA ayant besoin d&#39;être redynamisés",
        "Seuls les bénéficiaires du RSA sont éligibles.",
        "<li>Pas de durée maximale fixée par la fiche</li>",
        "<li>Travail l&#39;image de soi (dont hygiène)</li>",
        "Thématiques des ateliers suivis : un ou plusieurs choix parmi",
        "<li>Autre thématique proposée par le partenaire</li>",
        "<li>Nombre de participants par ateliers <span class=\"muted\">(en participants par atelier)</span></li>");
    assertFalse(fichePage().contains("mois maximum"));
  }
}

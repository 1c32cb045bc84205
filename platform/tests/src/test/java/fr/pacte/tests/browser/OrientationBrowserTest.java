package fr.pacte.tests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.Chromium;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The référent enters a person (possible duplicates shown first), sees the eligibility and the places left of the
 * mobility platform in Amiens and orients them; the association accepts the entry; the agent of Amiens finds it
 * among the entries of their territory, and the agent of Picardie Maritime does not. Also: a workshop planned, its
 * attendance recorded and counted; two tabs changing the same orientation; the retention period and its effect.
 */
class OrientationBrowserTest {

  private static TestPlatform platform;
  private static WebDriver driver;
  private static BrowserSupport browser;
  private static String item;
  private static String iaeItem;
  private static String otherItem;
  private static String remobilisationItem;
  /** Places for the tests that only need someone on an action, so that the places counted by the others stay theirs. */
  private static String followedItem;

  @BeforeAll
  static void start() {
    Chromium.assumeAvailable();
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()))
        .plugin(Repository.builtPlugin("mobility-platform")).plugin(Repository.builtPlugin("iae-preparation"))
        .plugin(Repository.builtPlugin("social-remobilisation")).start();
    JsonObject offer = new JsonObject().put("actionType", "plateforme-mobilite-solidaire").put("organisation", "association-demo")
        .put("title", "Plateforme mobilité solidaire d'Amiens").put("periodStart", "2026-01-01").put("periodEnd", "2028-12-31")
        .put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 4)));
    TestPlatform.Response created = platform.login("somme", "pilotage").postJson("/api/tenants/somme/offer", offer.encode());
    assertEquals(201, created.status(), created.body());
    item = created.json().getString("id");
    TestPlatform.Response iae = platform.login("somme", "pilotage").postJson("/api/tenants/somme/offer", offer.copy()
        .put("actionType", "preparation-entree-iae").put("title", "Préparation à l'entrée en IAE d'Amiens").encode());
    assertEquals(201, iae.status(), iae.body());
    iaeItem = iae.json().getString("id");
    TestPlatform.Response other = platform.login("somme", "pilotage").postJson("/api/tenants/somme/offer", offer.copy()
        .put("title", "Plateforme mobilité solidaire d'Amiens (second site)").encode());
    assertEquals(201, other.status(), other.body());
    otherItem = other.json().getString("id");
    TestPlatform.Response workshops = platform.login("somme", "pilotage").postJson("/api/tenants/somme/offer", offer.copy()
        .put("actionType", "remobilisation-sociale").put("title", "Ateliers de remobilisation d'Amiens")
        .put("schedule", "Lundi et jeudi, 9 h 30 - 12 h")
        .put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 20))).encode());
    assertEquals(201, workshops.status(), workshops.body());
    remobilisationItem = workshops.json().getString("id");
    TestPlatform.Response followed = platform.login("somme", "pilotage").postJson("/api/tenants/somme/offer", offer.copy()
        .put("title", "Plateforme mobilité solidaire d'Amiens (suivis)")
        .put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 20))).encode());
    assertEquals(201, followed.status(), followed.body());
    followedItem = followed.json().getString("id");
    driver = Chromium.start();
    browser = new BrowserSupport(driver, platform);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (platform != null) {
      platform.close();
    }
  }

  private void signInAs(String username) {
    driver.manage().deleteAllCookies();
    browser.login("somme", username);
  }

  @Test
  void theReferentOrientsAPersonTheOperatorAcceptsAndTheAmiensAgentIsTold() {
    signInAs("referent");
    browser.open("/t/somme/parcours");
    browser.clickAndWait(By.linkText("Nouvelle personne"));
    driver.findElement(By.id("familyName")).sendKeys("Navigatrice");
    driver.findElement(By.id("firstNames")).sendKeys("Alix");
    browser.js("document.getElementById('birthDate').value = '1990-05-17'");
    driver.findElement(By.id("commune")).sendKeys("Amiens");
    new Select(driver.findElement(By.id("territory"))).selectByValue("amiens");
    driver.findElement(By.cssSelector("input[name='rsaRecipient'][value='true']")).click();
    browser.js("document.getElementById('rsaCheckedOn').value = '2026-01-05'");
    new Select(driver.findElement(By.id("referent.organisationKind"))).selectByValue("departement");
    driver.findElement(By.id("referent.organisation")).sendKeys("Département de la Somme");
    browser.clickAndWait(By.cssSelector("main form button[type='submit']"));
    assertEquals("NAVIGATRICE Alix", browser.h1());

    new Select(driver.findElement(By.id("choix"))).selectByValue(item + "|amiens");
    browser.clickAndWait(By.cssSelector("form[aria-labelledby='orienter-titre'] button"));
    assertEquals("Éligible.", driver.findElement(By.id("eligibilite")).getText());
    assertTrue(driver.findElement(By.id("places")).getText().contains("4 places disponibles"),
        driver.findElement(By.id("places")).getText());
    browser.clickAndWait(By.xpath("//button[normalize-space()=\"Confirmer l'orientation\"]"));
    assertTrue(driver.findElement(By.id("etat")).getText().startsWith("Proposée"), driver.findElement(By.id("etat")).getText());
    String orientation = driver.getCurrentUrl().replaceAll(".*/orientations/([0-9a-f-]{36}).*", "$1");

    signInAs("association");
    browser.open("/t/somme/parcours/orientations/" + orientation);
    browser.clickAndWait(By.xpath("//button[normalize-space()=\"Accepter l'entrée\"]"));
    assertEquals("Entrée sur l'action", driver.findElement(By.id("etat")).getText());
    assertTrue(driver.findElement(By.id("places")).getText().contains("1 entrées"), driver.findElement(By.id("places")).getText());

    signInAs("agent.amiens");
    browser.open("/t/somme/parcours");
    assertTrue(driver.findElement(By.id("notifications")).getText().contains("NAVIGATRICE Alix"));
    signInAs("agent.picardie-maritime");
    browser.open("/t/somme/parcours");
    assertFalse(driver.getPageSource().contains("NAVIGATRICE"));
    assertEquals(java.util.List.of(), browser.cspViolations());
  }

  @Test
  void aPersonAsksToJoinFromThePublicOfferTheOperatorConfirmsAndFillsTheProgressGridAndTheQuestionnaire() {
    driver.manage().deleteAllCookies();
    browser.open("/t/somme/offre");
    browser.clickAndWait(By.cssSelector("a[href='/t/somme/offre/" + otherItem + "/demande']"));
    driver.findElement(By.id("familyName")).sendKeys("Autonome");
    driver.findElement(By.id("firstNames")).sendKeys("Sacha");
    browser.js("document.getElementById('birthDate').value = '1988-09-03'");
    driver.findElement(By.id("commune")).sendKeys("Amiens");
    driver.findElement(By.id("phone")).sendKeys("06 11 22 33 44");
    new Select(driver.findElement(By.id("territory"))).selectByValue("amiens");
    driver.findElement(By.cssSelector("input[name='rsaRecipient'][value='oui']")).click();
    browser.clickAndWait(By.xpath("//button[normalize-space()='Envoyer ma demande']"));
    assertTrue(driver.findElement(By.cssSelector(".field-error .error-message")).getText().startsWith("Cochez la case"),
        "the missing consent is said next to its box");
    assertEquals("Autonome", driver.findElement(By.id("familyName")).getAttribute("value"), "what was typed is kept");
    driver.findElement(By.id("consent")).click();
    browser.clickAndWait(By.xpath("//button[normalize-space()='Envoyer ma demande']"));
    assertTrue(driver.findElement(By.id("demande-envoyee")).getText().contains("vous recontactera"));

    signInAs("association");
    browser.open("/t/somme/parcours");
    browser.clickAndWait(By.xpath("//ul[@id='demandes']//a[contains(., 'AUTONOME Sacha')]"));
    driver.findElement(By.id("rsaRecipient")).click();
    driver.findElement(By.id("referent.username")).sendKeys("referent");
    driver.findElement(By.id("referent.name")).sendKeys("Référent de parcours");
    driver.findElement(By.id("referent.organisation")).sendKeys("Département de la Somme");
    new Select(driver.findElement(By.id("referent.organisationKind"))).selectByValue("departement");
    browser.clickAndWait(By.xpath("//button[normalize-space()='Confirmer et orienter']"));
    assertTrue(driver.findElement(By.id("etat")).getText().startsWith("Proposée"), driver.findElement(By.id("etat")).getText());
    browser.clickAndWait(By.xpath("//button[normalize-space()=\"Accepter l'entrée\"]"));
    assertEquals("Entrée sur l'action", driver.findElement(By.id("etat")).getText());

    new Select(driver.findElement(By.id("progress.moment"))).selectByValue("entry");
    for (String criterion : java.util.List.of("freins-psychologiques", "moyen-locomotion", "code-route", "permis-conduire",
        "solution-transitoire")) {
      new Select(driver.findElement(By.id("progress.scores." + criterion))).selectByValue("1");
    }
    browser.clickAndWait(By.xpath("//button[normalize-space()='Enregistrer la grille']"));
    assertTrue(driver.findElement(By.xpath("//select[@id='progress.scores.solution-mobilite']/preceding-sibling::p[@class='error-message']"))
        .getText().contains("choisissez un niveau"), "the criterion left out is said next to it");
    assertEquals("entry", new Select(driver.findElement(By.id("progress.moment"))).getFirstSelectedOption().getAttribute("value"));
    assertEquals("1", new Select(driver.findElement(By.id("progress.scores.code-route"))).getFirstSelectedOption().getAttribute("value"));
    new Select(driver.findElement(By.id("progress.scores.solution-mobilite"))).selectByValue("2");
    browser.clickAndWait(By.xpath("//button[normalize-space()='Enregistrer la grille']"));
    String grids = driver.findElement(By.id("grilles")).getText();
    assertTrue(grids.contains("2 — En progression") && grids.contains("À l'entrée"), grids);

    for (String question : java.util.List.of("accueil", "rythme", "utilite", "objectifs", "lien-referent")) {
      new Select(driver.findElement(By.id("satisfaction.answers." + question))).selectByValue("4");
    }
    browser.clickAndWait(By.xpath("//button[normalize-space()='Enregistrer le questionnaire']"));
    assertTrue(driver.findElement(By.id("satisfaction")).getText().contains("Très satisfait(e)"));
    assertEquals(java.util.List.of(), browser.cspViolations());
  }

  @Test
  void anIneligiblePersonIsRefusedWithTheReasonTheDurationIsAlertedTheExitTypedAndTheDataExportShowsInTheAccessLog() {
    TestPlatform.Client referentApi = platform.login("somme", "referent");
    TestPlatform.Response created = referentApi.postJson("/api/tenants/somme/persons", new JsonObject().put("familyName", "Parcourue")
        .put("firstNames", "Dominique").put("birthDate", "1979-02-11").put("commune", "Amiens").put("territory", "amiens")
        .put("rsaRecipient", true).put("rsaCheckedOn", "2026-01-05")
        .put("referent", new JsonObject().put("organisationKind", "departement").put("organisation", "Département de la Somme")).encode());
    assertEquals(201, created.status(), created.body());
    String person = created.json().getString("id");

    signInAs("referent");
    browser.open("/t/somme/parcours/personnes/" + person);
    new Select(driver.findElement(By.id("choix"))).selectByValue(iaeItem + "|amiens");
    browser.clickAndWait(By.cssSelector("form[aria-labelledby='orienter-titre'] button"));
    assertTrue(driver.findElement(By.id("eligibilite")).getText().startsWith("Non éligible : « Préparation"),
        driver.findElement(By.id("eligibilite")).getText());
    assertTrue(driver.findElement(By.id("eligibilite")).getText().contains("l'éligibilité IAE"));
    assertTrue(driver.findElements(By.xpath("//button[normalize-space()=\"Confirmer l'orientation\"]")).isEmpty(),
        "nothing to confirm for an ineligible person");

    // Entered on the mobility platform five months and ten days ago: its six months end within the month.
    JsonObject oriented = referentApi.postJson("/api/tenants/somme/orientations", new JsonObject().put("person", person)
        .put("offer", otherItem).put("territory", "amiens").put("prescriberKind", "departement").encode()).json();
    String entry = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).minusDays(160).toString();
    assertEquals(200, platform.login("somme", "association").postJson("/api/tenants/somme/orientations/" + oriented.getString("id")
        + "/accept", new JsonObject().put("entryDate", entry).put("version", oriented.getInteger("version")).encode()).status());
    signInAs("association");
    browser.open("/t/somme/parcours/orientations/" + oriented.getString("id"));
    assertTrue(driver.findElement(By.id("alerte-duree")).getText().contains("moins d'un mois"));
    new Select(driver.findElement(By.id("type"))).selectByValue("sortie-positive");
    browser.clickAndWait(By.xpath("//button[normalize-space()='Enregistrer la sortie']"));
    assertEquals("Sortie", driver.findElement(By.id("etat")).getText());
    assertTrue(driver.findElement(By.id("orientation")).getText().contains("Sortie positive"), "the exit type is named, not coded");

    signInAs("admin");
    browser.open("/t/somme/parcours/personnes/" + person);
    // The JSON is shown as text by the browser (no page around it): read it as such.
    driver.get(driver.findElement(By.linkText("JSON")).getAttribute("href"));
    assertTrue(driver.getPageSource().contains("\"familyName\" : \"Parcourue\""), "the person's own data");
    browser.open("/t/somme/parcours/personnes/" + person);
    browser.clickAndWait(By.linkText("qui a consulté sa fiche"));
    String log = driver.findElement(By.id("journal")).getText();
    assertTrue(log.contains("Export des données d'une personne") && log.contains("Fiche d'une personne") && log.contains("(admin)"), log);
    assertEquals(java.util.List.of(), browser.cspViolations());
  }

  /** A person followed by the demo référent, oriented on an item in Amiens by the API; returns the orientation. */
  private static JsonObject orientedOn(String familyName, String offer) {
    TestPlatform.Client referentApi = platform.login("somme", "referent");
    TestPlatform.Response created = referentApi.postJson("/api/tenants/somme/persons", new JsonObject().put("familyName", familyName)
        .put("firstNames", "Camille").put("birthDate", "1984-10-02").put("commune", "Amiens").put("territory", "amiens")
        .put("rsaRecipient", true).put("rsaCheckedOn", "2026-01-05")
        .put("referent", new JsonObject().put("organisationKind", "departement").put("organisation", "Département de la Somme")).encode());
    assertEquals(201, created.status(), created.body());
    TestPlatform.Response oriented = referentApi.postJson("/api/tenants/somme/orientations", new JsonObject()
        .put("person", created.json().getString("id")).put("offer", offer).put("territory", "amiens")
        .put("prescriberKind", "departement").encode());
    assertEquals(201, oriented.status(), oriented.body());
    return oriented.json();
  }

  @Test
  void theOperatorPlansAWorkshopRegistersPeopleRecordsAttendanceAndReadsTheCountsPerSessionAndPerPerson() {
    String present = orientedOn("Presente", remobilisationItem).getString("person");
    String absent = orientedOn("Absente", remobilisationItem).getString("person");
    String excused = orientedOn("Excusee", remobilisationItem).getString("person");

    signInAs("association");
    browser.open("/t/somme/parcours");
    browser.clickAndWait(By.linkText("Ateliers collectifs"));
    new Select(driver.findElement(By.id("choice"))).selectByValue(remobilisationItem + "|amiens");
    browser.js("document.getElementById('startsAt').value = '2026-03-16T09:30'");
    driver.findElement(By.id("theme")).sendKeys("Estime de soi");
    driver.findElement(By.id("place")).sendKeys("Maison de quartier Étouvie");
    browser.clickAndWait(By.xpath("//button[normalize-space()='Planifier']"));
    assertTrue(driver.findElement(By.id("capacity")).getAttribute("aria-invalid") != null, "the missing capacity is said");
    assertEquals("Estime de soi", driver.findElement(By.id("theme")).getAttribute("value"), "what was typed is kept");
    driver.findElement(By.id("capacity")).sendKeys("12");
    browser.clickAndWait(By.xpath("//button[normalize-space()='Planifier']"));
    assertEquals("Atelier : Estime de soi", browser.h1());
    String session = driver.getCurrentUrl().replaceAll(".*/ateliers/([0-9a-f-]{36}).*", "$1");

    for (String person : java.util.List.of(present, absent, excused)) {
      new Select(driver.findElement(By.id("person"))).selectByValue(person);
      browser.clickAndWait(By.xpath("//button[normalize-space()='Inscrire']"));
    }
    assertTrue(driver.findElement(By.id("comptes")).getText().startsWith("3 inscrits sur 12 places — 0 présents"),
        driver.findElement(By.id("comptes")).getText());
    for (String[] mark : new String[][] {{present, "present"}, {absent, "absent"}, {excused, "excused"}}) {
      new Select(driver.findElement(By.id("statut-" + mark[0]))).selectByValue(mark[1]);
      browser.clickAndWait(By.xpath("//select[@id='statut-" + mark[0] + "']/following-sibling::button"));
    }
    assertEquals("3 inscrits sur 12 places — 1 présents, 1 absents, 1 excusés", driver.findElement(By.id("comptes")).getText());
    assertEquals("Présent(e)", new Select(driver.findElement(By.id("statut-" + present))).getFirstSelectedOption().getText(),
        "each person's attendance stays shown");
    assertEquals("Excusé(e)", new Select(driver.findElement(By.id("statut-" + excused))).getFirstSelectedOption().getText());

    // A second session, through the API, where the person absent from the first one comes.
    TestPlatform.Client operator = platform.login("somme", "association");
    TestPlatform.Response second = operator.postJson("/api/tenants/somme/sessions", new JsonObject().put("offer", remobilisationItem)
        .put("territory", "amiens").put("startsAt", "2026-03-23T09:30").put("theme", "Prendre la parole en groupe")
        .put("place", "Maison de quartier Étouvie").put("capacity", 12).encode());
    assertEquals(201, second.status(), second.body());
    String secondId = second.json().getString("id");
    assertEquals(200, operator.postJson("/api/tenants/somme/sessions/" + secondId + "/registrations",
        new JsonObject().put("person", absent).encode()).status());
    assertEquals(200, operator.putJson("/api/tenants/somme/sessions/" + secondId + "/attendance",
        new JsonObject().put("person", absent).put("status", "present").encode()).status());

    browser.clickAndWait(By.linkText("Toutes les séances"));
    String sessions = driver.findElement(By.id("seances")).getText();
    assertTrue(sessions.contains("Estime de soi") && sessions.contains("3 / 12 1 1 1"), sessions);
    assertTrue(sessions.contains("Prendre la parole en groupe") && sessions.contains("1 / 12 1 0 0"), sessions);
    // Per person: sessions, present, absent, excused, attendance not recorded.
    String perPerson = driver.findElement(By.id("participants")).getText();
    assertTrue(perPerson.contains("ABSENTE Camille 2 1 1 0 0"), perPerson);
    assertTrue(perPerson.contains("PRESENTE Camille 1 1 0 0 0"), perPerson);
    assertTrue(perPerson.contains("EXCUSEE Camille 1 0 0 1 0"), perPerson);
    assertFalse(session.isBlank());
    assertEquals(java.util.List.of(), browser.cspViolations());
  }

  @Test
  void twoTabsFollowingTheSameParticipationTheSecondIsToldOfTheConflictAndKeepsWhatItTyped() {
    JsonObject oriented = orientedOn("Concurrente", followedItem);
    String id = oriented.getString("id");
    String entry = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).minusDays(10).toString();
    assertEquals(200, platform.login("somme", "association").postJson("/api/tenants/somme/orientations/" + id + "/accept",
        new JsonObject().put("entryDate", entry).put("version", oriented.getInteger("version")).encode()).status());

    signInAs("association");
    String first = driver.getWindowHandle();
    browser.open("/t/somme/parcours/orientations/" + id);
    driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
    String second = driver.getWindowHandle();
    browser.open("/t/somme/parcours/orientations/" + id);

    driver.switchTo().window(first);
    driver.findElement(By.id("fields.diagnostic")).sendKeys("Diagnostic fait par le premier onglet");
    browser.clickAndWait(By.xpath("//button[normalize-space()='Enregistrer le suivi']"));
    assertEquals("Le suivi est enregistré.", driver.findElement(By.cssSelector("p.notice")).getText());

    driver.switchTo().window(second);
    driver.findElement(By.id("fields.diagnostic")).sendKeys("Diagnostic du second onglet");
    driver.findElement(By.id("suivi-note")).sendKeys("Note écrite dans le second onglet");
    browser.clickAndWait(By.xpath("//button[normalize-space()='Enregistrer le suivi']"));
    String summary = driver.findElement(By.cssSelector(".error-summary")).getText();
    assertTrue(summary.contains("Rien n'a été enregistré") && summary.contains("modifiée entre-temps"), summary);
    assertEquals("Diagnostic du second onglet", driver.findElement(By.id("fields.diagnostic")).getAttribute("value"),
        "what the second tab typed is still in its field");
    assertEquals("Note écrite dans le second onglet", driver.findElement(By.id("suivi-note")).getAttribute("value"));
    JsonObject stored = platform.login("somme", "association").get("/api/tenants/somme/orientations/" + id).json();
    assertEquals("Diagnostic fait par le premier onglet", stored.getJsonObject("fields").getString("diagnostic"),
        "the first tab's entry was not overwritten");

    // Having read the conflict, the second tab may send again on purpose: the page now holds the current version.
    browser.clickAndWait(By.xpath("//button[normalize-space()='Enregistrer le suivi']"));
    assertEquals("Le suivi est enregistré.", driver.findElement(By.cssSelector("p.notice")).getText());
    driver.close();
    driver.switchTo().window(first);
  }

  @Test
  void theAdministratorSetsTheRetentionAndAPersonWhoseLastExitIsOlderIsShownPseudonymised() {
    JsonObject oriented = orientedOn("Ancienne", followedItem);
    String person = oriented.getString("person");
    TestPlatform.Client operator = platform.login("somme", "association");
    // Left eighteen months ago: within the default 24 months, past the 12 the administrator is about to set.
    java.time.LocalDate exit = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).minusMonths(18);
    JsonObject in = operator.postJson("/api/tenants/somme/orientations/" + oriented.getString("id") + "/accept",
        new JsonObject().put("entryDate", exit.minusMonths(3).toString()).put("version", oriented.getInteger("version")).encode()).json();
    TestPlatform.Response exited = operator.postJson("/api/tenants/somme/orientations/" + oriented.getString("id") + "/exit",
        new JsonObject().put("date", exit.toString()).put("type", "fin-action-terme").put("version", in.getInteger("version")).encode());
    assertEquals(200, exited.status(), exited.body());

    signInAs("admin");
    browser.open("/t/somme/parcours");
    browser.clickAndWait(By.linkText("Conservation des données"));
    String period = driver.findElement(By.id("duree-conservation")).getText();
    assertTrue(period.contains("24 mois après sa dernière sortie") && period.endsWith("(durée par défaut)."), period);
    driver.findElement(By.id("months")).clear();
    driver.findElement(By.id("months")).sendKeys("0");
    browser.clickAndWait(By.xpath("//button[normalize-space()='Enregistrer la durée']"));
    assertTrue(driver.findElement(By.id("months-error")).getText().contains("entre 1 et 120"),
        driver.findElement(By.id("months-error")).getText());
    driver.findElement(By.id("months")).clear();
    driver.findElement(By.id("months")).sendKeys("12");
    browser.clickAndWait(By.xpath("//button[normalize-space()='Enregistrer la durée']"));
    assertEquals("La durée de conservation est enregistrée.", driver.findElement(By.cssSelector("p.notice")).getText());
    period = driver.findElement(By.id("duree-conservation")).getText();
    assertTrue(period.contains("12 mois après sa dernière sortie") && period.endsWith("(par défaut : 24 mois)."), period);

    // The hourly job, run now: the exit of June 2024 is more than twelve months old.
    assertTrue(platform.pacte().pathways().people().applyRetention(java.time.Instant.now()).await() >= 1);
    browser.open("/t/somme/parcours/personnes/" + person);
    assertTrue(browser.h1().startsWith("PERSONNE "), browser.h1());
    assertTrue(driver.getPageSource().contains("Les données de cette personne ont été pseudonymisées."));
    assertTrue(driver.findElement(By.id("personne")).getText().contains("1 janvier 1984"), "the birth date keeps its year only");
    signInAs("referent");
    browser.open("/t/somme/parcours");
    assertFalse(driver.getPageSource().contains("ANCIENNE"), "nor does the référent's list show the name");

    signInAs("auditeur");
    browser.open("/t/somme/parcours/conservation");
    assertTrue(driver.findElement(By.id("duree-conservation")).getText().contains("12 mois"));
    assertTrue(driver.findElements(By.id("months")).isEmpty(), "the auditor reads the period and cannot change it");
    assertEquals(java.util.List.of(), browser.cspViolations());
  }
}

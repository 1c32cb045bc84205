package fr.pacte.server.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.pacte.api.CapacityUnit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Somme's needs per territory, as published in the call for projects 2026-2028 (seed 002, §II.C). */
class NeedsFileTest {

  @Test
  void theSommeNeedsTableIsExactlyAsPublished() {
    CallNeeds needs = NeedsFile.read(Path.of("../../tenants/somme/needs/aap-insertion-2026-2028.yaml"),
        "tenants/somme/needs/aap-insertion-2026-2028.yaml");
    assertEquals(5, needs.needs().size());
    assertEquals(70, needs.need("plateforme-mobilite-solidaire", "amiens"));
    assertEquals(140, needs.need("plateforme-mobilite-solidaire", "picardie-maritime"));
    assertEquals(120, needs.need("equilibre-emotionnel-psychologique", "amiens"));
    assertEquals(20, needs.need("equilibre-emotionnel-psychologique", "somme-santerre"));
    assertEquals(35, needs.need("equilibre-emotionnel-psychologique", "hauts-de-somme"));
    assertEquals(60, needs.need("preparation-entree-iae", "amiens"));
    assertEquals(354, needs.need("remobilisation-sociale", "amiens"));
    assertEquals(192, needs.need("preparation-emploi", "cinq-vallees"));
    assertEquals(CapacityUnit.WORKSHOPS_PER_YEAR, needs.needs().stream()
        .filter(n -> n.actionType().equals("remobilisation-sociale")).findFirst().orElseThrow().unit());
  }
}

package fr.pacte.server.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.config.YamlFileException;
import org.junit.jupiter.api.Test;

class TenantFileTest {

  private static final String VALID = """
      slug: somme
      name: Département de la Somme
      departement: "80"
      branding:
        display_name: Somme
        colour: "#005a87"
      territories:
        - code: amiens
          name: Amiens
        - layer: bassin-mobilite
          code: littoral-sud
          name: Littoral Sud
          valid_from: 2022-01-01
      plugins:
        - id: mobility-platform
          configuration:
            quota: 70
            strict: true
      """;

  @Test
  void readsEveryField() {
    Tenant tenant = TenantFile.parse(VALID, "tenants/somme/tenant.yaml");
    assertEquals("somme", tenant.slug());
    assertEquals("80", tenant.departementCode());
    assertEquals("#005a87", tenant.branding().colour());
    assertEquals(2, tenant.territories().size());
    assertEquals("territoire-action-sociale", tenant.territories().get(0).layer());
    assertEquals("2022-01-01", tenant.territories().get(1).validFrom().toString());
    assertEquals(70L, tenant.plugins().get(0).configuration().getLong("quota"));
    assertEquals(true, tenant.plugins().get(0).configuration().getBoolean("strict"));
  }

  @Test
  void aWrongValueNamesFileLineFieldAndExpectation() {
    YamlFileException error = assertThrows(YamlFileException.class,
        () -> TenantFile.parse(VALID.replace("colour: \"#005a87\"", "colour: bleu"), "tenants/somme/tenant.yaml"));
    assertEquals("tenants/somme/tenant.yaml", error.file());
    assertEquals(6, error.line());
    assertEquals("branding.colour", error.field());
    assertTrue(error.getMessage().contains("#rrggbb"), error.getMessage());
  }

  @Test
  void aMissingFieldAnUnknownKeyAndBrokenYamlAreReported() {
    YamlFileException missing = assertThrows(YamlFileException.class,
        () -> TenantFile.parse(VALID.replace("name: Département de la Somme\n", ""), "t.yaml"));
    assertEquals("name", missing.field());
    assertTrue(missing.getMessage().contains("obligatoire"));

    YamlFileException unknown = assertThrows(YamlFileException.class,
        () -> TenantFile.parse(VALID.replace("  - code: amiens", "  - cod: amiens"), "t.yaml"));
    assertEquals("territories[1].cod", unknown.field());
    assertEquals(8, unknown.line());

    YamlFileException broken = assertThrows(YamlFileException.class,
        () -> TenantFile.parse("slug: [somme\nname: x", "t.yaml"));
    assertTrue(broken.getMessage().contains("YAML illisible"));
  }

  @Test
  void aBannerColourWithoutReadableTextIsRefused() {
    YamlFileException error = assertThrows(YamlFileException.class,
        () -> TenantFile.parse(VALID.replace("#005a87", "#777777"), "t.yaml"));
    assertTrue(error.getMessage().contains("contraste"));
  }

  @Test
  void duplicatesAndInvalidDatesAreRefused() {
    assertThrows(YamlFileException.class, () -> TenantFile.parse(
        VALID.replace("code: littoral-sud", "code: amiens").replace("layer: bassin-mobilite\n", ""), "t.yaml"));
    YamlFileException date = assertThrows(YamlFileException.class,
        () -> TenantFile.parse(VALID.replace("2022-01-01", "2022-13-01"), "t.yaml"));
    assertEquals("territories[2].valid_from", date.field());
  }

  @Test
  void aTenantIsInTheTimeZoneOfItsDepartementUnlessItsFileNamesOne() {
    assertEquals("Europe/Paris", TenantFile.parse(VALID, "t.yaml").timeZone().getId());
    assertEquals("America/Cayenne", TenantFile.parse(VALID.replace("\"80\"", "\"973\""), "t.yaml").timeZone().getId());
    assertEquals("Indian/Mayotte", TenantFile.parse(VALID.replace("\"80\"", "\"976\""), "t.yaml").timeZone().getId());
    assertEquals("America/Martinique", TenantFile.parse(VALID.replace("departement: \"80\"\n",
        "departement: \"971\"\ntime_zone: America/Martinique\n"), "t.yaml").timeZone().getId());
    YamlFileException unknown = assertThrows(YamlFileException.class, () -> TenantFile.parse(
        VALID.replace("departement: \"80\"\n", "departement: \"80\"\ntime_zone: Mars/Olympus\n"), "t.yaml"));
    assertEquals("time_zone", unknown.field());
    assertEquals(4, unknown.line());
  }
}

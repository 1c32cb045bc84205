package fr.pacte.server.programmes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.config.YamlFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The programmes of the three départements, as loaded from the repository's tenants/ folder. */
class ProgrammeFileTest {

  private static final Path TENANTS = Path.of("../../tenants").toAbsolutePath().normalize();

  private static Programme read(String tenant, String code) {
    return ProgrammeFile.read(TENANTS.resolve(tenant).resolve("programmes").resolve(code + ".yaml"),
        "tenants/" + tenant + "/programmes/" + code + ".yaml");
  }

  @Test
  void theSommePdiPti20222025IsComplete() {
    Programme programme = read("somme", "pdi-pti-2022-2025");
    assertEquals(Programme.Kind.PDI_PTI, programme.kind());
    assertEquals(4, programme.axes().size());
    assertEquals(19, programme.ficheCount());
    assertEquals(66, programme.actionCount());
    assertEquals("Faire de l’accès à l’emploi le premier moteur de l’insertion", programme.axes().get(0).title(), "typographic apostrophes as published");
    assertEquals(List.of("picardie-maritime", "cinq-vallees", "amiens", "hauts-de-somme", "somme-santerre"),
        programme.roadmaps().stream().map(Programme.Roadmap::territory).toList());
    assertEquals(List.of(11, 9, 10, 12, 10), programme.roadmaps().stream().map(r -> r.chantiers().size()).toList());
    assertEquals("pdi-2017-2021", programme.supersedes());
    assertEquals(7, read("somme", "pdi-2017-2021").axes().size());
  }

  @Test
  void theEarlierAmiensPactAndTheOtherDepartementsLoad() {
    Programme amiens = read("somme", "pti-amiens-2018-2021");
    assertEquals("amiens", amiens.territory());
    assertEquals(List.of("1", "2", "3", "4", "7"), amiens.axes().stream().map(Programme.Axis::code).toList());
    Programme deuxSevres = read("deux-sevres", "pti-2014-2020");
    assertEquals(14, deuxSevres.axes().size());
    assertTrue(deuxSevres.axes().get(13).status().contains("velopper"), deuxSevres.axes().get(13).status());
    Programme allier = read("allier", "pti-2018-2021");
    assertEquals(5, allier.axes().size());
    assertEquals(6, allier.commitments().size());
    assertTrue(allier.commitments().stream().allMatch(c -> !c.items().isEmpty()));
  }

  @Test
  void errorsNameTheFileLineAndField() {
    String yaml = """
        code: essai
        kind: pdi
        title: Essai
        period: {from: 2022-01-01, to: 2021-12-31}
        axes: []
        """;
    YamlFileException period = assertThrows(YamlFileException.class, () -> ProgrammeFile.parse(yaml, "essai.yaml"));
    assertEquals("period.to", period.field());
    YamlFileException kind = assertThrows(YamlFileException.class,
        () -> ProgrammeFile.parse(yaml.replace("kind: pdi", "kind: plan"), "essai.yaml"));
    assertEquals(2, kind.line());
    YamlFileException duplicate = assertThrows(YamlFileException.class, () -> ProgrammeFile.parse("""
        code: essai
        kind: pti
        title: Essai
        period: {from: 2022-01-01, to: 2025-12-31}
        axes:
          - {code: "1", title: Un, fiches: []}
          - {code: "1", title: Deux, fiches: []}
        """, "essai.yaml"));
    assertTrue(duplicate.getMessage().contains("déjà utilisé"), duplicate.getMessage());
    assertEquals(7, duplicate.line());
  }

  @Test
  void anIndicatorsComputedMeasureIsReadBackAndAnUnknownOneNamesTheFileLineAndField() {
    String yaml = """
        code: essai
        kind: pdi
        title: Essai
        period: {from: 2022-01-01, to: 2025-12-31}
        axes:
          - code: "1"
            title: Un
            fiches:
              - code: "1-1"
                title: Fiche
                actions:
                  - code: "1-1-1"
                    title: Action
                    indicators:
                      - name: "taux de sortie positive"
                        computed: positive-exit-rate
                        exit_types: [emploi-durable, sortie-positive]
                        with_sub_actions: true
        """;
    Programme programme = ProgrammeFile.parse(yaml, "essai.yaml");
    Programme.Computed computed = programme.axes().get(0).fiches().get(0).actions().get(0).indicators().get(0).computed();
    assertEquals(ProgrammeMeasure.POSITIVE_EXIT_RATE, computed.measure());
    assertEquals(List.of("emploi-durable", "sortie-positive"), computed.exitTypes());
    assertTrue(computed.withSubActions());
    assertEquals(programme, ProgrammeFile.parse(ProgrammeFile.write("# essai", programme), "essai.yaml"), "written back as read");

    YamlFileException unknown = assertThrows(YamlFileException.class,
        () -> ProgrammeFile.parse(yaml.replace("computed: positive-exit-rate", "computed: visitors"), "essai.yaml"));
    assertEquals("essai.yaml", unknown.file());
    assertEquals(16, unknown.line());
    assertTrue(unknown.field().endsWith("indicators[1].computed"), unknown.field());
    assertTrue(unknown.getMessage().contains("visitors"), unknown.getMessage());
    YamlFileException noPositive = assertThrows(YamlFileException.class,
        () -> ProgrammeFile.parse(yaml.replace("exit_types: [emploi-durable, sortie-positive]", "exit_types: []"), "essai.yaml"));
    assertTrue(noPositive.field().endsWith("exit_types"), noPositive.field());
  }
}

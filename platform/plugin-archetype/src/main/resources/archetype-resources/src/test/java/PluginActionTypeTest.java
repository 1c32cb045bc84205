package ${package};

import fr.pacte.testkit.PublishedFiche;
import fr.pacte.testkit.SeedFicheContract;
import java.io.IOException;
import java.util.Locale;

/** The descriptor against the fiche as published (src/test/resources/fiche.txt), section by section. */
class PluginActionTypeTest extends SeedFicheContract {

  PluginActionTypeTest() throws IOException {
    super(PluginActionType.DESCRIPTOR, PublishedFiche.of(
        PublishedFiche.resource(PluginActionTypeTest.class, "/fiche.txt"),
        PluginActionType.DESCRIPTOR.label().fr().toUpperCase(Locale.ROOT)));
  }
}

package fr.pacte.server;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The server's packages form a chain without cycles: each feature depends only on the packages below it (platform,
 * web, audit, identity, tenancy…), so a package can be read, tested and changed from the bottom up.
 */
class PackageCyclesTest {

  private static final JavaClasses SERVER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("fr.pacte.server");

  @Test
  void theCheckSeesTheServersClasses() {
    assertTrue(SERVER.contain(Pacte.class) && SERVER.contain(fr.pacte.server.identity.Access.class)
        && SERVER.contain(fr.pacte.server.web.PageLayout.class));
  }

  @Test
  void noCycleBetweenTopLevelPackages() {
    // identity.keycloak and identity.users are parts of identity: cycles are checked between the parts of the chain.
    slices().matching("fr.pacte.server.(*)..").should().beFreeOfCycles().check(SERVER);
  }
}

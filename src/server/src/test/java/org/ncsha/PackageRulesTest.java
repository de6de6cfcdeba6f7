package org.ncsha;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rule of docs/architecture.md ("Packages"), checked on the compiled classes of the
 * server and the core it builds on: registration, file sync and the rolling update use the Health Monitor's runner, the runner
 * uses the parts, the parts use the base, never the other way round, and no two packages use
 * each other. The pages and REST resources (the web modules) and the CLI are modules of their
 * own that this one does not see, so the compiler already keeps them on top.
 */
@AnalyzeClasses(packages = "org.ncsha",
    importOptions = {ImportOption.DoNotIncludeTests.class, PackageRulesTest.NoTestJars.class})
class PackageRulesTest {
  /** The core's test helpers reach this module as a jar (its test-jar), which DoNotIncludeTests does not know. */
  static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar");
    }
  }

  @ArchTest
  static final ArchRule no_two_packages_use_each_other = slices().matching("org.ncsha.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("registration and file sync").definedBy("org.ncsha.registration..", "org.ncsha.files..", "org.ncsha.rolling..",
          "org.ncsha.opcenter..")
      .layer("runner").definedBy("org.ncsha.monitor..")
      .layer("parts").definedBy("org.ncsha.db..", "org.ncsha.peer..", "org.ncsha.store..", "org.ncsha.mail..",
          "org.ncsha.witness..", "org.ncsha.app..", "org.ncsha.vip..", "org.ncsha.access..", "org.ncsha.software..")
      .layer("base").definedBy("org.ncsha.ha..", "org.ncsha.readiness..", "org.ncsha.security..", "org.ncsha.node..",
          "org.ncsha.os..", "org.ncsha.filesync..", "org.ncsha.update..", "org.ncsha.mse..", "org.ncsha.oc..")
      .whereLayer("registration and file sync").mayNotBeAccessedByAnyLayer()
      .whereLayer("runner").mayOnlyBeAccessedByLayers("registration and file sync")
      .whereLayer("parts").mayOnlyBeAccessedByLayers("registration and file sync", "runner")
      .whereLayer("base").mayOnlyBeAccessedByLayers("registration and file sync", "runner", "parts");

  /** The decider is a pure function: no container, no database, no network, nothing of ours but itself. */
  @ArchTest
  static final ArchRule the_decider_is_pure = classes().that().resideInAPackage("org.ncsha.ha..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("org.ncsha.ha..", "java..");
}

package io.pflogstream;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Dependencies run one way, from the entry points down to the model, so that whoever changes a
 * stage knows what else can move: the command line uses the job wiring, the wiring uses the
 * stages (the dataflow, sources and sinks, the report's formatter), the stages use the keyed
 * operators, the operators the parse stage and the model, and nothing uses what is above it.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pflogstream");

    @Test
    void noPackageCycles() {
        slices().matching("io.pflogstream.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("command line")
                .definedBy("io.pflogstream.cli..")
                .layer("job wiring")
                .definedBy("io.pflogstream.job..")
                .layer("stages")
                .definedBy("io.pflogstream.topology..", "io.pflogstream.io..", "io.pflogstream.report..")
                .layer("keyed operators")
                .definedBy("io.pflogstream.lifecycle..", "io.pflogstream.summary..", "io.pflogstream.alert..")
                .layer("parse stage")
                .definedBy("io.pflogstream.parse..")
                .layer("model")
                .definedBy("io.pflogstream.postfix..", "io.pflogstream.syslog..")
                .layer("base")
                .definedBy("io.pflogstream.config..", "io.pflogstream.serde..", "io.pflogstream.generate..")
                .whereLayer("command line")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("job wiring")
                .mayOnlyBeAccessedByLayers("command line")
                .whereLayer("stages")
                .mayOnlyBeAccessedByLayers("command line", "job wiring")
                .whereLayer("keyed operators")
                .mayOnlyBeAccessedByLayers("command line", "job wiring", "stages")
                .whereLayer("parse stage")
                .mayOnlyBeAccessedByLayers("command line", "job wiring", "stages")
                .whereLayer("model")
                .mayOnlyBeAccessedByLayers("command line", "job wiring", "stages", "keyed operators", "parse stage")
                .check(MAIN);
    }

    @Test
    void theConfigurationDependsOnNothingOfOurs() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that()
                .resideInAPackage("io.pflogstream.config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.pflogstream.cli..",
                        "io.pflogstream.job..",
                        "io.pflogstream.topology..",
                        "io.pflogstream.io..",
                        "io.pflogstream.report..",
                        "io.pflogstream.lifecycle..",
                        "io.pflogstream.summary..",
                        "io.pflogstream.parse..",
                        "io.pflogstream.postfix..",
                        "io.pflogstream.syslog..",
                        "io.pflogstream.serde..",
                        "io.pflogstream.generate..")
                .check(MAIN);
    }
}

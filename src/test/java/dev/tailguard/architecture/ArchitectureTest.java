package dev.tailguard.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of ARCHITECTURE.md, checked on the compiled main classes: the pure-Java core below, adapters
 * (functions, messaging, storage, LLM client, cloud, review, observability, embeddings, CLI) above it, no package
 * cycles.
 */
class ArchitectureTest {

    /** Adapter packages: they may depend on core, never the reverse. */
    static final String[] ADAPTERS = {"dev.tailguard.cli..", "dev.tailguard.cloud..", "dev.tailguard.embed..",
            "dev.tailguard.function..", "dev.tailguard.llm..", "dev.tailguard.messaging..",
            "dev.tailguard.observability..", "dev.tailguard.review..", "dev.tailguard.storage.."};

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tailguard");
    }

    @Test
    void theImportSeesBothLayers() {
        assertThat(classes.stream().filter(c -> c.getPackageName().startsWith("dev.tailguard.core.")).count())
                .as("core classes imported").isGreaterThan(100);
        assertThat(classes.stream().filter(c -> c.getPackageName().startsWith("dev.tailguard.function")).count())
                .as("adapter classes imported").isGreaterThan(3);
    }

    @Test
    void coreImportsNoFrameworkOrContainerApi() {
        noClasses().that().resideInAPackage("dev.tailguard.core..").should().dependOnClassesThat()
                .resideInAnyPackage("io.quarkus..", "jakarta..", "javax.ws..", "javax.inject..",
                        "org.eclipse.microprofile..", "io.smallrye..", "io.fabric8..", "io.vertx..",
                        "org.apache.kafka..", "picocli..")
                .because("core is plain Java; Quarkus, CDI, MicroProfile, SmallRye, Vert.x, Kafka, Kubernetes and the"
                        + " command line belong to the adapters")
                .check(classes);
    }

    @Test
    void coreImportsNoNetworkClient() {
        noClasses().that().resideInAPackage("dev.tailguard.core..").should().dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "io.minio..", "java.net.http..", "com.sun.net.httpserver..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                .because("object-store and LLM clients are adapters (dev.tailguard.storage, dev.tailguard.llm);"
                        + " core sees them through its ObjectStore and ChatClient interfaces")
                .check(classes);
    }

    @Test
    void coreDoesNotDependOnAdapters() {
        noClasses().that().resideInAPackage("dev.tailguard.core..").should().dependOnClassesThat()
                .resideInAnyPackage(ADAPTERS)
                .because("adapters depend on core, never the reverse")
                .check(classes);
    }

    @Test
    void everyClassIsInCoreOrAKnownAdapter() {
        List<String> known = new ArrayList<>(List.of(ADAPTERS));
        known.add("dev.tailguard.core..");
        classes().that().resideOutsideOfPackage("dev.tailguard").should().resideInAnyPackage(known.toArray(String[]::new))
                .because("a new top-level package must be placed in a layer (ARCHITECTURE.md) and listed here")
                .check(classes);
    }

    @Test
    void corePackagesAreFreeOfCycles() {
        slices().matching("dev.tailguard.core.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        slices().matching("dev.tailguard.(*)..").should().beFreeOfCycles().check(classes);
    }
}

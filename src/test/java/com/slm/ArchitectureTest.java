package com.slm;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the product's code (src/main only), as the folder tree shows it; docs/architecture.md draws it.
 * <pre>
 *   config    wiring: may use everything; nothing uses it
 *   web       the HTTP edge                 -> process, application, audit, security, port, domain, logging
 *   process   delegates and listeners       -> application, port, audit, domain, logging (never an adapter)
 *   application  the use cases              -> port, domain, logging (and Spring's @Component, nothing else)
 *   adapter/X one daemon or source each     -> port, domain, logging, adapter's shared helpers
 *   audit, security                         -> domain (audit also cluster: one sealer at a time)
 *   cluster   node leases (DB)              -> domain; used by adapters (one IPsec repair at a time) and audit
 *   port      the interfaces of the world   -> domain
 *   domain    the vocabulary and the rules  -> nothing but java
 * </pre>
 */
@AnalyzeClasses(packages = "com.slm", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String DOMAIN = "com.slm.domain..";
    private static final String PORT = "com.slm.port..";
    private static final String APPLICATION = "com.slm.application..";
    private static final String LOGGING = "com.slm.logging..";
    private static final String ADAPTERS = "com.slm.adapter..";
    private static final String CONFIG = "com.slm.config..";

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Config").definedBy(CONFIG)
            .layer("Web").definedBy("com.slm.web..")
            .layer("Process").definedBy("com.slm.process..")
            .layer("Application").definedBy(APPLICATION)
            .layer("Adapter").definedBy(ADAPTERS)
            .layer("Audit").definedBy("com.slm.audit..")
            .layer("Security").definedBy("com.slm.security..")
            .layer("Port").definedBy(PORT)
            .layer("Domain").definedBy(DOMAIN)
            .layer("Logging").definedBy(LOGGING)
            .layer("Cluster").definedBy("com.slm.cluster..")
            .whereLayer("Config").mayNotBeAccessedByAnyLayer()
            .whereLayer("Web").mayOnlyBeAccessedByLayers("Config")
            .whereLayer("Process").mayOnlyBeAccessedByLayers("Web", "Config")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Process", "Web", "Config")
            .whereLayer("Adapter").mayOnlyBeAccessedByLayers("Config")
            .whereLayer("Audit").mayOnlyBeAccessedByLayers("Process", "Web", "Config")
            .whereLayer("Security").mayOnlyBeAccessedByLayers("Web", "Config")
            .whereLayer("Cluster").mayOnlyBeAccessedByLayers("Adapter", "Audit", "Config")
            .whereLayer("Port").mayOnlyBeAccessedByLayers("Application", "Process", "Adapter", "Web", "Config")
            .because("process -> application -> port/domain, adapter -> port/domain, and config only wires");

    @ArchTest
    static final ArchRule domainIsTheBottom = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
            .because("the vocabulary and the rules need no framework, no engine and no port");

    @ArchTest
    static final ArchRule portsSpeakDomain = classes().that().resideInAPackage(PORT)
            .should().onlyDependOnClassesThat().resideInAnyPackage(PORT, DOMAIN, "java..")
            .because("a port names what the product needs of the world in domain terms");

    @ArchTest
    static final ArchRule useCasesSpeakPortsAndDomain = classes().that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, PORT, DOMAIN, LOGGING, "java..",
                    "org.springframework.stereotype..")
            .because("a use case decides from domain facts and port answers: no engine, no variables, no adapter");

    @ArchTest
    static final ArchRule adaptersAreSeparate = slices().matching("com.slm.adapter.(*)..")
            .should().notDependOnEachOther()
            .because("libvirt, strongswan, linux and properties are separate adapters; what they share lives in "
                    + "com.slm.adapter itself");

    @ArchTest
    static final ArchRule sharedAdapterHelpersKnowNoAdapter = noClasses().that().resideInAPackage("com.slm.adapter")
            .should().dependOnClassesThat().resideInAPackage("com.slm.adapter.*..")
            .because("com.slm.adapter holds only helpers every adapter may use (TimeLimitedHealthChecks, Commands)");

    @ArchTest
    static final ArchRule libvirtStaysInItsAdapter = noClasses().that().resideOutsideOfPackage("com.slm.adapter.libvirt..")
            .should().dependOnClassesThat().resideInAnyPackage("org.libvirt..", "com.sun.jna..")
            .because("libvirt-java and JNA are the libvirt adapter's business");

    @ArchTest
    static final ArchRule viciStaysInItsAdapter = noClasses().that().resideOutsideOfPackage("com.slm.adapter.strongswan..")
            .should().dependOnClassesThat().resideInAPackage("com.slm.adapter.strongswan.vici..")
            .because("VICI is the strongSwan adapter's business");

    @ArchTest
    static final ArchRule nothingDependsOnConfig = noClasses().that().resideOutsideOfPackage(CONFIG)
            .should().dependOnClassesThat().resideInAPackage(CONFIG)
            .because("config only wires: SlmApplication reaches it by component scan, never by a reference");

    @ArchTest
    static final ArchRule portsByConstructor = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
}

package dev.smsinbox;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rule of the house (see DESIGN.md): the domain and the SMS codec are plain Java,
 * use cases know only the domain, the codec and their own ports, adapters do not see each other,
 * and only the runtime wires concrete adapters together. Production classes only.
 */
@AnalyzeClasses(packages = "dev.smsinbox", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String DOMAIN = "dev.smsinbox.domain..";
  private static final String SMS = "dev.smsinbox.sms..";
  private static final String APPLICATION = "dev.smsinbox.application..";
  private static final String ADAPTER = "dev.smsinbox.adapter..";
  private static final String JDBC = "dev.smsinbox.adapter.jdbc..";
  private static final String RUNTIME = "dev.smsinbox.runtime..";
  private static final String SIMULATOR = "dev.smsinbox.runtime.simulator..";
  private static final String PORT = "dev.smsinbox.application.port..";
  private static final String SUPPORT = "dev.smsinbox.support..";

  /** Camel, JAX-RS, CDI (and its common annotations), JDBC and jSMPP. */
  private static final String[] FRAMEWORKS = {
    "org.apache.camel..",
    "jakarta.ws.rs..",
    "jakarta.enterprise..",
    "jakarta.inject..",
    "jakarta.annotation..",
    "java.sql..",
    "javax.sql..",
    "org.jsmpp.."
  };

  @ArchTest
  static final ArchRule domain_depends_on_nothing_of_ours_outside_it =
      noClasses()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.smsinbox..").and(not(resideInAPackage(DOMAIN))))
          .because(
              "the domain is the inbox's own vocabulary; every other layer may know it, it knows"
                  + " none of them");

  @ArchTest
  static final ArchRule domain_is_plain_java =
      noClasses()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FRAMEWORKS)
          .because(
              "domain rules must stay readable and testable without Camel, JAX-RS, CDI, JDBC or"
                  + " an SMSC");

  @ArchTest
  static final ArchRule sms_codec_is_pure_java =
      classes()
          .that()
          .resideInAPackage(SMS)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(SMS, "java..", "com.google.i18n.phonenumbers..")
          .because(
              "the SMS codec is the single source of truth for encoding, counting and splitting"
                  + " text; the composer, submit_sm, inbound decoding and the simulator all call"
                  + " it, so it must not lean on any layer or framework");

  @ArchTest
  static final ArchRule application_does_not_know_adapters_or_runtime =
      noClasses()
          .that()
          .resideInAPackage(APPLICATION)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ADAPTER, RUNTIME)
          .because(
              "use cases talk to the outside only through their ports (SmsGateway, UnitOfWork,"
                  + " InboxEvents); adapters call in and the runtime wires them");

  @ArchTest
  static final ArchRule application_is_plain_java =
      noClasses()
          .that()
          .resideInAPackage(APPLICATION)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FRAMEWORKS)
          .because(
              "use cases are plain Java wired by the runtime, so they can be exercised without a"
                  + " container, a database or an SMSC");

  /**
   * Covers smpp, rest, persistence, crm, ai, web, integrations and any adapter added later. The
   * JDBC support in adapter.jdbc is not an adapter of its own but what every JDBC adapter stands
   * on: depending on it is allowed (and it depends on no adapter, see below).
   */
  @ArchTest
  static final ArchRule adapters_do_not_see_each_other =
      slices()
          .matching("dev.smsinbox.adapter.(*)..")
          .should()
          .notDependOnEachOther()
          .ignoreDependency(
              resideInAPackage(ADAPTER).and(not(resideInAPackage(JDBC))), resideInAPackage(JDBC))
          .because(
              "each adapter translates one technology to the application; adapters meet only"
                  + " through application ports (the live hub reads the event log through"
                  + " InboxEventLog, the integrations resource through IntegratorRoutes and"
                  + " IntegratorDeliveries), wired by the runtime");

  @ArchTest
  static final ArchRule jdbc_support_knows_no_adapter_use_case_or_runtime =
      noClasses()
          .that()
          .resideInAPackage(JDBC)
          .should()
          .dependOnClassesThat(
              resideInAnyPackage(ADAPTER, APPLICATION, RUNTIME)
                  .and(not(resideInAnyPackage(JDBC, PORT))))
          .because(
              "the persistence repositories and the embedded CRM connector both stand on the JDBC"
                  + " support (the unit of work, Sql); were it to know either of them, or a use"
                  + " case, the adapters would meet through it after all");

  @ArchTest
  static final ArchRule use_case_groups_have_no_cycles =
      slices()
          .matching("dev.smsinbox.application.(*)..")
          .should()
          .beFreeOfCycles()
          .because(
              "inbound, outbound, contacts, keywords, assistant and the ports are read one after"
                  + " the other; a cycle would make each need the others to be understood");

  @ArchTest
  static final ArchRule ports_know_only_the_domain =
      noClasses()
          .that()
          .resideInAPackage(PORT)
          .should()
          .dependOnClassesThat(resideInAPackage(APPLICATION).and(not(resideInAPackage(PORT))))
          .because(
              "a port is what the use cases need from the outside, said in the domain's words;"
                  + " adapters implement it without knowing any use case");

  @ArchTest
  static final ArchRule support_is_plain_java =
      classes()
          .that()
          .resideInAPackage(SUPPORT)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(SUPPORT, "java..")
          .because("every layer may use the support helpers, so they may use none of ours");

  @ArchTest
  static final ArchRule rest_resources_live_in_adapter_rest =
      classes()
          .that()
          .areAnnotatedWith(jakarta.ws.rs.Path.class)
          .should()
          .resideInAnyPackage("dev.smsinbox.adapter.rest..", SIMULATOR)
          .because(
              "the REST API is one room (CONTRACT.md); the one exception is the built-in SMSC"
                  + " simulator's resource, which exists only when the simulator runs and stays"
                  + " beside it so that no adapter ever sees the simulator");

  @ArchTest
  static final ArchRule runtime_is_the_composition_root_only =
      noClasses()
          .that()
          .resideInAPackage("dev.smsinbox.runtime")
          .should()
          .beAnnotatedWith(jakarta.ws.rs.Path.class)
          .orShould()
          .implement(org.eclipse.microprofile.health.HealthCheck.class)
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage("org.jsmpp..", "jakarta.ws.rs..", "org.apache.camel.builder..")
          .because(
              "runtime/ wires, starts and stops (Flyway, config, metrics, housekeeping); features"
                  + " live in their rooms: REST in adapter/rest, the link in adapter/smpp, the"
                  + " integrators' contract in adapter/integrations");

  @ArchTest
  static final ArchRule only_runtime_knows_runtime =
      noClasses()
          .that()
          .resideOutsideOfPackage(RUNTIME)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(RUNTIME)
          .because(
              "the runtime is the composition root (lifecycle, config, wiring, dev SMSC); nothing"
                  + " it wires may depend on it");

  @ArchTest
  static final ArchRule simulator_is_used_by_runtime_only =
      classes()
          .that()
          .resideInAPackage(SIMULATOR)
          .should()
          .onlyHaveDependentClassesThat()
          .resideInAnyPackage("dev.smsinbox.runtime", SIMULATOR)
          .because(
              "the built-in SMSC simulator is a development and test stand-in for the carrier,"
                  + " started and exposed only by the runtime");
}

package dev.leadline.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain stays plain Java: no web, SQL, chat-platform or JSON framework types in core. */
@AnalyzeClasses(packages = "dev.leadline.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreDependencyRulesTest {

    @ArchTest
    static final ArchRule coreUsesNoFrameworks = noClasses().that().resideInAPackage("dev.leadline.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.javalin..", "org.jooq..", "com.slack..", "com.microsoft.bot..", "com.fasterxml.jackson..",
                    "tools.jackson..", "org.eclipse.jetty..", "jakarta.servlet..", "java.sql..", "javax.sql..")
            .because("core is the lead domain; frameworks live in db, server and the bot modules");

    @ArchTest
    static final ArchRule coreDoesNotReachIntoOuterModules = noClasses().that().resideInAPackage("dev.leadline.core..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.leadline.db..", "dev.leadline.server..",
                    "dev.leadline.slack..", "dev.leadline.teams..");
}

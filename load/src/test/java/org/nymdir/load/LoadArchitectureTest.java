package org.nymdir.load;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import org.nymdir.ArchitectureTest;

/**
 * The server's architecture rules ({@link ArchitectureTest}) over the server's classes and the load tools'
 * together: the load tools may use any room of the server, no server room may use them, and no package cycle
 * may run through them.
 */
@AnalyzeClasses(packages = "org.nymdir", importOptions = {ImportOption.DoNotIncludeTests.class,
    ArchitectureTest.DoNotIncludeTestJars.class})
class LoadArchitectureTest {
    @ArchTest
    static final ArchTests SERVER_RULES = ArchTests.in(ArchitectureTest.class);
}

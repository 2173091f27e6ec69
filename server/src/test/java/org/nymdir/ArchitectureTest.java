package org.nymdir;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rooms and which way their doors open (design.md: app -> client/mixnet/dialect/sim -> directory ->
 * store/crypto), checked on the compiled main classes. A violation fails the build with the offending class,
 * member and line, e.g. {@code Method <org.nymdir.client.Peers.read(...)> calls method <org.nymdir.directory...>}.
 *
 * <p>Test code is not checked: tests may reach anywhere they need to. The load module runs these same rules over
 * its own classes too ({@code org.nymdir.load.LoadArchitectureTest}); it may use anything in the server, and
 * nothing in the server may use it.
 */
@AnalyzeClasses(packages = "org.nymdir", importOptions = {ImportOption.DoNotIncludeTests.class,
    ArchitectureTest.DoNotIncludeTestJars.class})
public class ArchitectureTest {

    /**
     * Every package belongs to exactly one room, and a room uses only the rooms listed for it. Sideways doors
     * within the middle row: the client SDK speaks the v1 dialect's tokens over the mixnet link, and the local
     * mixnet plays a nym-client with the link's frames. Nothing reaches the directory except the dialects that
     * translate for it and the wiring above them; the directory sees only the store interfaces
     * ({@code org.nymdir.store}), and only the wiring picks an implementation (SQLite, in-memory, ...).
     */
    @ArchTest
    public static final ArchRule ROOMS = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage("org.nymdir..")
            .layer("Main").definedBy("org.nymdir")
            .optionalLayer("Load").definedBy("org.nymdir.load..")
            .layer("App").definedBy("org.nymdir.app..")
            .layer("Client").definedBy("org.nymdir.client..")
            .layer("Sim").definedBy("org.nymdir.sim..")
            .layer("Dialect").definedBy("org.nymdir.dialect..")
            .layer("Mixnet").definedBy("org.nymdir.mixnet..")
            .layer("Directory").definedBy("org.nymdir.directory..")
            .layer("Store").definedBy("org.nymdir.store")
            .layer("StoreImplementations").definedBy("org.nymdir.store.*..")
            .layer("Crypto").definedBy("org.nymdir.crypto..")
            .layer("Vocabulary").definedBy("org.nymdir.vocabulary..")

            .whereLayer("Main").mayNotBeAccessedByAnyLayer()
            .whereLayer("Load").mayNotBeAccessedByAnyLayer()
            .whereLayer("App").mayOnlyBeAccessedByLayers("Main", "Load")
            .whereLayer("Client").mayOnlyAccessLayers("Dialect", "Mixnet", "Crypto", "Vocabulary")
            .whereLayer("Sim").mayOnlyAccessLayers("Mixnet")
            .whereLayer("Dialect").mayOnlyAccessLayers("Directory", "Crypto", "Vocabulary")
            .whereLayer("Mixnet").mayNotAccessAnyLayer()
            .whereLayer("Directory").mayOnlyAccessLayers("Store", "Crypto", "Vocabulary")
            .whereLayer("Store").mayOnlyAccessLayers("Vocabulary")
            .whereLayer("StoreImplementations").mayOnlyBeAccessedByLayers("App", "Load")
            .whereLayer("StoreImplementations").mayOnlyAccessLayers("Store", "Vocabulary")
            .whereLayer("Crypto").mayNotAccessAnyLayer()
            .whereLayer("Vocabulary").mayNotAccessAnyLayer()
            .ensureAllClassesAreContainedInArchitecture();

    /** No cycles between any two packages: each package is a slice of its own (app and app.client are two). */
    @ArchTest
    public static final ArchRule NO_CYCLES = slices().matching("(org.nymdir..)").should().beFreeOfCycles();

    /**
     * Leaves out the server's test jar where a module depends on it (the load module's tests do): Maven hands it
     * over as {@code nymdir-<version>-tests.jar}, which {@link ImportOption.DoNotIncludeTests} does not recognise.
     */
    public static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }
}

package org.nymdir.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nymdir.app.cli.WorkFolder;

/**
 * The life of what {@link LocalMixnetExtension} and {@link LocalDirectoryExtension} run: registered in a
 * {@code static} field, one serves the whole class (JUnit then calls {@code beforeAll}); in an instance field,
 * each test gets its own. Either way it lives in a temporary folder of its own, deleted when it stops. Nothing
 * is shared between instances, so test classes may run in parallel.
 */
abstract class ScopedExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private final String prefix;
    private boolean perClass;
    private volatile Path folder;

    ScopedExtension(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public final void beforeAll(ExtensionContext context) throws IOException {
        perClass = true;
        open();
    }

    @Override
    public final void beforeEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            open();
        }
    }

    @Override
    public final void afterEach(ExtensionContext context) throws IOException {
        try {
            afterTest();
        } finally {
            if (!perClass) {
                close();
            }
        }
    }

    @Override
    public final void afterAll(ExtensionContext context) throws IOException {
        close();
    }

    private void open() throws IOException {
        folder = Files.createTempDirectory(prefix);
    }

    private void close() throws IOException {
        try {
            stop();
        } finally {
            Path closing = folder;
            folder = null;
            if (closing != null) {
                WorkFolder.deleteTree(closing);
            }
        }
    }

    /** After each test, also where one serves the whole class: what that test made is closed here. */
    void afterTest() {
    }

    /** Stops what runs, before its folder is deleted. */
    abstract void stop();

    /** The temporary folder of this class or test. */
    final Path folder() {
        Path open = folder;
        if (open == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " runs only during tests: register it"
                    + " with @RegisterExtension");
        }
        return open;
    }
}

package org.nymdir.app.ops;

/** Facts about this build that commands report ({@code --version}, {@code admin status}). */
public final class BuildInfo {
    /** The release; kept equal to the Maven project version without its -SNAPSHOT suffix. */
    public static final String VERSION = "0.1.0";

    private BuildInfo() {
    }
}

package org.nymdir.app;

import java.io.IOException;

/**
 * Why a start cannot go on, in one line an operator can act on: what failed, the setting involved, and what to
 * do. The command prints it (and writes it to the log file) without a stack trace; the cause's stack trace is
 * logged at debug level.
 */
public final class CannotStart extends IOException {
    public CannotStart(String message, Throwable cause) {
        super(message, cause);
    }
}

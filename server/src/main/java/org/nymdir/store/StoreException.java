package org.nymdir.store;

/** The backing store failed (I/O, corruption, lost connection); the operation did not happen. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

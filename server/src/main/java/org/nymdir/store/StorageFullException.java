package org.nymdir.store;

/** A write failed for want of space (the disk or the database's size limit); nothing was changed. */
public final class StorageFullException extends StoreException {
    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}

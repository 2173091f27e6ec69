package org.nymdir.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files only the directory's own user may read: the database (and so its {@code -wal} and {@code -shm}, which
 * SQLite creates with the database file's mode), the log, keys, the address file and their folders. New files
 * are created 0600 and new folders 0700 whatever the umask; files that already exist keep their mode (an
 * operator may have chosen it), with a warning when others may read them. On a file system without POSIX
 * permissions nothing is set.
 */
public final class PrivateFiles {

    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Creates the missing folders of {@code dir} 0700 (existing ones are left as they are). */
    public static void createFolders(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createFolders(parent);
        }
        try {
            if (POSIX) {
                Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(FOLDER));
                Files.setPosixFilePermissions(absolute, FOLDER); // the umask may have taken bits off
            } else {
                Files.createDirectory(absolute);
            }
        } catch (FileAlreadyExistsException e) {
            // made meanwhile by someone else: theirs
        }
    }

    /** Creates {@code file} empty and 0600 if it does not exist, with its missing folders 0700. */
    public static void createFile(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            createFolders(absolute.getParent());
        }
        if (Files.exists(absolute)) {
            warnIfShared(absolute);
            return;
        }
        try {
            if (POSIX) {
                FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(FILE);
                Files.createFile(absolute, mode);
            } else {
                Files.createFile(absolute);
            }
        } catch (FileAlreadyExistsException e) {
            warnIfShared(absolute);
        }
    }

    /** Writes {@code bytes} to {@code file} through a 0600 file beside it, moved into place. */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        createFile(tmp);
        Files.write(tmp, bytes);
        Files.move(tmp, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void warnIfShared(Path file) {
        if (!POSIX) {
            return;
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
                log.warn("{} may be read by other users ({}); chmod 600 it unless that is meant", file,
                        PosixFilePermissions.toString(mode));
            }
        } catch (IOException e) {
            // cannot read the mode: nothing to warn about
        }
    }
}

package io.weft.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files under {@code data.dir} hold every page, the password hashes and the session key: only the
 * account Weft runs as may read them. The directory is created {@code rwx------} and each file
 * {@code rw-------}, from the start rather than narrowed afterwards, so no other local user can open
 * one in between. Where the file system has no POSIX permissions (Windows) the directory's own
 * access list protects them.
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
  private static final boolean POSIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews()
      .contains("posix");

  private PrivateFiles() {
  }

  /** Creates {@code dir} (and missing parents) readable by the owner only; an existing one is left as it is. */
  public static void directory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir, POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_DIR)}
        : new FileAttribute<?>[0]);
  }

  /** The attributes that make a newly created file the owner's alone, for {@code Files} and {@code FileChannel.open}. */
  public static FileAttribute<?>[] ownerOnly() {
    return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)} : new FileAttribute<?>[0];
  }

  /**
   * Makes sure {@code file} exists and is the owner's alone, for files a library opens itself (it
   * would create them with the default mode): an empty one is created, an existing one narrowed
   * (older Weft versions made them world-readable).
   */
  public static void prepare(Path file) throws IOException {
    try {
      Files.createFile(file, ownerOnly());
    } catch (FileAlreadyExistsException exists) {
      if (POSIX) {
        Files.setPosixFilePermissions(file, OWNER_FILE);
      }
    }
  }
}

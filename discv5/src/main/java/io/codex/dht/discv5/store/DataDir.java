package io.codex.dht.discv5.store;

import io.codex.dht.discv5.store.StoreException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

/** Checks on the data dir path, and MVStore's errors on opening turned into typed ones. */
final class DataDir {
  private DataDir() {}

  /** The absolute data dir, created if missing; refused if not a writable directory. */
  static Path prepare(Path dataDir) throws StoreException {
    Path dir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new StoreException(Reason.BAD_DATA_DIR, "data dir " + dir + " is not a directory");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException(
          Reason.BAD_DATA_DIR, "cannot create data dir " + dir + ": " + e.getMessage(), e);
    }
    if (!Files.isWritable(dir)) {
      throw new StoreException(Reason.BAD_DATA_DIR, "data dir " + dir + " is not writable");
    }
    return dir;
  }

  /** The typed error for a failure to open the store file. */
  static StoreException translate(Path file, MVStoreException e) {
    return switch (e.getErrorCode()) {
      case DataUtils.ERROR_FILE_LOCKED ->
          new StoreException(
              Reason.DATA_DIR_IN_USE, "store file " + file + " is in use by another process", e);
      case DataUtils.ERROR_UNSUPPORTED_FORMAT ->
          new StoreException(
              Reason.UNSUPPORTED_FORMAT,
              "store file " + file + " was written by a newer version: " + e.getMessage(),
              e);
      case DataUtils.ERROR_READING_FAILED, DataUtils.ERROR_WRITING_FAILED ->
          new StoreException(Reason.IO, "cannot use " + file + ": " + e.getMessage(), e);
      default ->
          new StoreException(
              Reason.CORRUPT_STORE,
              "store file "
                  + file
                  + " cannot be read ("
                  + e.getMessage()
                  + "); it is left as it is: restore it from a backup, or move it away to start"
                  + " with an empty store (the key is kept)",
              e);
    };
  }
}

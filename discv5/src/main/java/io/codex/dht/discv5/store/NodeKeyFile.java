package io.codex.dht.discv5.store;

import io.codex.dht.discv5.store.StoreException.Reason;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.PrivateKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The node key file of a data dir, in the format of the CLI's {@code KeyFiles}: one line of hex of
 * the libp2p private-key protobuf, owner-only; a bare 64-digit scalar is accepted when reading.
 *
 * <p>Implementation notes: a new key is written to {@code node.key.tmp}, forced to disk, then moved
 * to {@code node.key} without replacing, and the directory is forced; so a crash leaves either no
 * key file (a new key is made on the next start) or a complete one, never a truncated one. An
 * existing key file is never written; one that does not parse stops the start. The format is
 * repeated here rather than calling {@code cli.KeyFiles}, so the store does not depend on the CLI;
 * a test checks both read each other's files.
 */
final class NodeKeyFile {
  static final String FILE_NAME = "node.key";

  private static final String TEMP_SUFFIX = ".tmp";
  private static final long MAX_FILE_SIZE = 4096;

  /** The key and whether this start created it. */
  record Loaded(PrivateKey key, boolean created) {}

  private NodeKeyFile() {}

  /** Reads the key file of {@code dir}, or creates one with a fresh key if there is none. */
  static Loaded loadOrCreate(Path dir) throws StoreException {
    Path file = dir.resolve(FILE_NAME);
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return new Loaded(read(file), false);
    }
    PrivateKey key = PrivateKey.generate(new SecureRandom());
    try {
      create(dir, file, key);
    } catch (IOException e) {
      throw new StoreException(
          Reason.BAD_DATA_DIR, "cannot write the key file " + file + ": " + e.getMessage(), e);
    }
    return new Loaded(key, true);
  }

  private static PrivateKey read(Path file) throws StoreException {
    try {
      if (!Files.isRegularFile(file)) {
        throw badKey(file, "it is not a regular file");
      }
      if (Files.size(file) > MAX_FILE_SIZE) {
        throw badKey(file, "it is larger than " + MAX_FILE_SIZE + " bytes");
      }
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (text.length() == 64) {
        return PrivateKey.fromHex(text);
      }
      return PrivateKey.fromProtobuf(HexFormat.of().parseHex(text));
    } catch (IOException | IllegalArgumentException e) {
      // IllegalArgumentException: the text is not hex.
      throw badKey(file, e.toString());
    } catch (DecodeException e) {
      throw badKey(file, e.getMessage());
    }
  }

  private static StoreException badKey(Path file, String why) {
    return new StoreException(
        Reason.BAD_KEY_FILE,
        "key file "
            + file
            + " does not hold a key ("
            + why
            + "); it is never overwritten: restore it from a backup, or move it away to start"
            + " with a new node identity");
  }

  private static void create(Path dir, Path file, PrivateKey key) throws IOException {
    Path temp = dir.resolve(FILE_NAME + TEMP_SUFFIX);
    byte[] text =
        (HexFormat.of().formatHex(key.toProtobuf()) + "\n").getBytes(StandardCharsets.US_ASCII);
    try (FileChannel out =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ownerOnly(temp);
      ByteBuffer buffer = ByteBuffer.wrap(text);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    try {
      // Without REPLACE_EXISTING: fails rather than overwrite. The data dir lock keeps other
      // processes of this program from racing between the check and the rename.
      Files.move(temp, file);
    } catch (FileAlreadyExistsException e) {
      Files.delete(temp);
      throw e;
    }
    forceDirectory(dir);
  }

  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the default permissions stay.
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the rename is then as durable as the OS makes it.
    }
  }
}

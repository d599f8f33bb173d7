package io.codex.dht.discv5.cli;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.PrivateKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

/**
 * Private key files: one line of hex of the libp2p private-key protobuf ({@code 08 02 12 20 ||
 * key}), readable only by the owner; a bare 64-digit scalar is accepted when reading.
 */
public final class KeyFiles {
  private static final long MAX_FILE_SIZE = 4096;

  private KeyFiles() {}

  /** Writes {@code key} to a new file; an existing file is never overwritten. */
  public static void write(Path file, PrivateKey key) throws IOException {
    String text = HexFormat.of().formatHex(key.toProtobuf()) + "\n";
    try {
      Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      throw new Main.UserException("refusing to overwrite existing key file " + file);
    }
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the default permissions stay.
    }
  }

  /** Reads a key file. */
  public static PrivateKey read(Path file) throws IOException, DecodeException {
    if (!Files.isRegularFile(file)) {
      throw new Main.UserException("no key file at " + file);
    }
    if (Files.size(file) > MAX_FILE_SIZE) {
      throw new Main.UserException("key file " + file + " is too large to be a key");
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    if (text.length() == 64) {
      return PrivateKey.fromHex(text);
    }
    try {
      return PrivateKey.fromProtobuf(HexFormat.of().parseHex(text));
    } catch (IllegalArgumentException e) {
      throw new Main.UserException("key file " + file + " does not hold hex: " + e.getMessage());
    }
  }
}

package io.codex.dht.discv5.store;

import io.codex.dht.discv5.store.StoreException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/** Opening the store's maps, and the layout version kept in the meta map. */
final class Maps {
  static final byte[] FORMAT_KEY = "format".getBytes(StandardCharsets.US_ASCII);

  private Maps() {}

  /** Opens (creating if needed) the byte-array map {@code name}. */
  static MVMap<byte[], byte[]> open(MVStore store, String name) {
    return store.openMap(
        name,
        new MVMap.Builder<byte[], byte[]>()
            .keyType(BytesType.INSTANCE)
            .valueType(BytesType.INSTANCE));
  }

  /**
   * Writes the layout version into a new store, or checks an existing one: a store of a newer
   * version is refused rather than misread or rewritten.
   */
  static void checkFormat(MVMap<byte[], byte[]> meta, Path file) throws StoreException {
    byte[] format = meta.get(FORMAT_KEY);
    if (format == null) {
      meta.put(FORMAT_KEY, ByteBuffer.allocate(4).putInt(NodeStore.FORMAT).array());
      return;
    }
    if (format.length != 4) {
      throw new StoreException(
          Reason.CORRUPT_STORE,
          "store file " + file + " has a damaged format marker; it is left as it is");
    }
    int version = ByteBuffer.wrap(format).getInt();
    if (version > NodeStore.FORMAT || version < 1) {
      throw new StoreException(
          Reason.UNSUPPORTED_FORMAT,
          "store file "
              + file
              + " has layout version "
              + version
              + ", this version reads up to "
              + NodeStore.FORMAT
              + "; it is left as it is");
    }
  }
}

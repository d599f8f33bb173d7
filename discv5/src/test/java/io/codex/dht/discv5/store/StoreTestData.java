package io.codex.dht.discv5.store;

import io.codex.dht.discv5.providers.Cid;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.RecordFormat;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/** Keys, records, CIDs and raw store access for the store tests, all from seeds. */
final class StoreTestData {
  /** A wall-clock time (2023-11-14) for fake clocks. */
  static final long WALL_START = 1_700_000_000_000L;

  private StoreTestData() {}

  /** The key made from {@code seed}. */
  static PrivateKey key(long seed) {
    return PrivateKey.generate(new Random(seed));
  }

  /** A Codex-style record (one UDP address) of {@code key} with {@code seq}. */
  static SignedPeerRecord record(PrivateKey key, long seq) {
    return SignedPeerRecord.builder(key)
        .format(RecordFormat.PEER_RECORD)
        .seq(seq)
        .address(Multiaddr.udp(address(seq), 9000))
        .build();
  }

  /** A DHT key made from {@code text}. */
  static NodeId dhtKey(String text) {
    return NodeId.keccakOf(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A CIDv1 (raw, identity-free sha2-256-shaped digest) made from {@code i}. */
  static Cid cid(int i) {
    ByteBuffer b = ByteBuffer.allocate(4 + 32).put(new byte[] {0x01, 0x55, 0x12, 0x20});
    b.putInt(4 + 28, i);
    try {
      return Cid.fromBytes(b.array());
    } catch (DecodeException e) {
      throw new AssertionError(e);
    }
  }

  /** Options with a fake wall clock. */
  static NodeStoreOptions options(AtomicLong wall) {
    return NodeStoreOptions.defaults().withWallClock(wall::get);
  }

  /** Runs {@code edit} on the raw maps of a closed data dir, as a damaged file would be. */
  static void editRaw(Path dir, RawEdit edit) {
    MVStore store =
        new MVStore.Builder().fileName(dir.resolve(NodeStore.STORE_FILE).toString()).open();
    try {
      edit.apply(name -> Maps.open(store, name));
      store.commit();
    } finally {
      store.close();
    }
  }

  /** An edit of raw maps. */
  @FunctionalInterface
  interface RawEdit {
    void apply(MapOpener maps);
  }

  /** Opens a raw map by name. */
  @FunctionalInterface
  interface MapOpener {
    MVMap<byte[], byte[]> open(String name);
  }

  private static InetAddress address(long seq) {
    try {
      return InetAddress.getByAddress(new byte[] {10, 0, (byte) (seq >> 8), (byte) seq});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}

package io.codex.dht.discv5.store;

import static io.codex.dht.discv5.store.StoreTestData.WALL_START;
import static io.codex.dht.discv5.store.StoreTestData.cid;
import static io.codex.dht.discv5.store.StoreTestData.key;
import static io.codex.dht.discv5.store.StoreTestData.options;
import static io.codex.dht.discv5.store.StoreTestData.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.cli.KeyFiles;
import io.codex.dht.discv5.store.StoreException.Reason;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data dir: lock, key, own record and seq, announced CIDs, peer seqs, seeds, format. */
class NodeStoreTest {
  @TempDir Path dir;

  private final AtomicLong wall = new AtomicLong(WALL_START);

  @Test
  void keyIsCreatedOnFirstStartInTheCliFormatAndKeptAfterwards() throws Exception {
    byte[] first;
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      assertTrue(store.keyCreated());
      first = store.key().toProtobuf();
    }
    Path file = dir.resolve(NodeStore.KEY_FILE);
    assertArrayEquals(first, KeyFiles.read(file).toProtobuf());
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    assertFalse(Files.exists(dir.resolve(NodeStore.KEY_FILE + ".tmp")));
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      assertFalse(store.keyCreated());
      assertArrayEquals(first, store.key().toProtobuf());
    }
  }

  @Test
  void keyFileWrittenByTheCliIsUsed() throws Exception {
    PrivateKey key = key(1);
    Files.createDirectories(dir);
    KeyFiles.write(dir.resolve(NodeStore.KEY_FILE), key);
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      assertFalse(store.keyCreated());
      assertArrayEquals(key.toProtobuf(), store.key().toProtobuf());
      assertEquals(NodeId.of(PeerId.of(key.publicKey())), store.nodeId());
    }
  }

  @Test
  void badKeyFileIsRefusedAndNeverOverwritten() throws Exception {
    Path file = dir.resolve(NodeStore.KEY_FILE);
    Files.writeString(file, "not a key\n");
    StoreException e = assertThrows(StoreException.class, () -> NodeStore.open(dir, options(wall)));
    assertEquals(Reason.BAD_KEY_FILE, e.reason());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertEquals("not a key\n", Files.readString(file));
    // The failed open released the data dir.
    Files.delete(file);
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      assertTrue(store.keyCreated());
    }
  }

  @Test
  void secondOpenOfTheSameDataDirIsRefusedUntilTheFirstCloses() throws Exception {
    NodeStore first = NodeStore.open(dir, options(wall));
    byte[] key = first.key().toProtobuf();
    StoreException e = assertThrows(StoreException.class, () -> NodeStore.open(dir, options(wall)));
    assertEquals(Reason.DATA_DIR_IN_USE, e.reason());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("already open in this process"), e.getMessage());
    // The refused open changed nothing, and the first one still works.
    assertTrue(first.announce(cid(1)));
    first.close();
    try (NodeStore again = NodeStore.open(dir, options(wall))) {
      assertArrayEquals(key, again.key().toProtobuf());
      assertEquals(List.of(cid(1)), again.announced());
    }
  }

  @Test
  void dataDirThatIsAFileIsRefused() throws Exception {
    Path file = dir.resolve("file");
    Files.writeString(file, "x");
    StoreException e =
        assertThrows(StoreException.class, () -> NodeStore.open(file, options(wall)));
    assertEquals(Reason.BAD_DATA_DIR, e.reason());
  }

  @Test
  void seqKeepsIncreasingAcrossRestartsWhateverTheWallClock() throws Exception {
    wall.set(1_000_000); // unix second 1000
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      assertEquals(1000, store.nextSeq());
      assertEquals(1001, store.nextSeq());
    }
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      assertEquals(1002, store.nextSeq());
      wall.set(500_000); // the clock steps back
      assertEquals(1003, store.nextSeq());
      wall.set(5_000_000); // and forward
      assertEquals(5000, store.nextSeq());
    }
    wall.set(0);
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      assertEquals(5001, store.nextSeq());
    }
  }

  @Test
  void ownRecordRoundTripsAndOnlyNewerRecordsOfTheNodeKeyAreSaved() throws Exception {
    SignedPeerRecord saved;
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      assertTrue(store.ownRecord().isEmpty());
      saved = record(store.key(), store.nextSeq());
      store.saveOwnRecord(saved);
      store.saveOwnRecord(saved); // the same record again is harmless
      SignedPeerRecord older = record(store.key(), saved.seq() - 1);
      assertThrows(IllegalArgumentException.class, () -> store.saveOwnRecord(older));
      SignedPeerRecord foreign = record(key(2), saved.seq() + 1);
      assertThrows(IllegalArgumentException.class, () -> store.saveOwnRecord(foreign));
    }
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      assertEquals(saved, store.ownRecord().orElseThrow());
      // A record saved with a seq above the clock raises the next seq past it.
      SignedPeerRecord ahead = record(store.key(), saved.seq() + 1_000_000);
      store.saveOwnRecord(ahead);
      assertEquals(ahead.seq() + 1, store.nextSeq());
    }
  }

  @Test
  void announcedCidsRoundTripAndAreBounded() throws Exception {
    NodeStoreOptions opts = options(wall).withLimits(10, 10, 3);
    try (NodeStore store = NodeStore.open(dir, opts)) {
      assertTrue(store.announce(cid(1)));
      assertFalse(store.announce(cid(1)));
      assertTrue(store.announce(cid(2)));
      assertTrue(store.announce(cid(3)));
      StoreException e = assertThrows(StoreException.class, () -> store.announce(cid(4)));
      assertEquals(Reason.FULL, e.reason());
      assertTrue(store.withdraw(cid(2)));
      assertFalse(store.withdraw(cid(2)));
      assertEquals(2, store.announcedCount());
    }
    try (NodeStore store = NodeStore.open(dir, opts)) {
      assertEquals(Set.of(cid(1), cid(3)), Set.copyOf(store.announced()));
    }
  }

  @Test
  void peerSeqsKeepTheHighestAndForgetTheLeastRecentlyUsed() throws Exception {
    NodeId a = StoreTestData.dhtKey("a");
    NodeId b = StoreTestData.dhtKey("b");
    NodeId c = StoreTestData.dhtKey("c");
    NodeId d = StoreTestData.dhtKey("d");
    NodeStoreOptions opts = options(wall).withLimits(3, 10, 10);
    try (NodeStore store = NodeStore.open(dir, opts)) {
      assertTrue(store.noteSeq(a, 5));
      assertFalse(store.noteSeq(a, 4));
      assertFalse(store.noteSeq(a, 5));
      assertTrue(store.noteSeq(a, -2)); // seqs are unsigned: 2^64 - 2 is higher
      assertTrue(store.noteSeq(b, 1));
      assertTrue(store.noteSeq(c, 1));
      assertEquals(OptionalLong.of(-2), store.highestSeq(a)); // a is now the most recently used
      assertTrue(store.noteSeq(d, 1)); // forgets b
      assertEquals(OptionalLong.empty(), store.highestSeq(b));
      assertEquals(3, store.peerSeqCount());
    }
    try (NodeStore store = NodeStore.open(dir, opts)) {
      assertEquals(OptionalLong.of(-2), store.highestSeq(a));
      assertEquals(OptionalLong.empty(), store.highestSeq(b));
      assertEquals(OptionalLong.of(1), store.highestSeq(c));
      assertEquals(OptionalLong.of(1), store.highestSeq(d));
    }
    // A lower bound on the next start forgets the least recently updated.
    try (NodeStore store = NodeStore.open(dir, options(wall).withLimits(2, 10, 10))) {
      assertEquals(OptionalLong.empty(), store.highestSeq(a));
      assertEquals(2, store.peerSeqCount());
      assertEquals(1, store.loadReports().get(2).overLimit());
    }
  }

  @Test
  void seedsRoundTripBoundedDistinctAndReplaced() throws Exception {
    SignedPeerRecord r1 = record(key(11), 1);
    SignedPeerRecord r2 = record(key(12), 1);
    SignedPeerRecord r3 = record(key(13), 1);
    SignedPeerRecord r4 = record(key(14), 1);
    SignedPeerRecord r1newer = record(key(11), 2);
    NodeStoreOptions opts = options(wall).withLimits(10, 3, 10);
    try (NodeStore store = NodeStore.open(dir, opts)) {
      assertEquals(List.of(), store.bootstrapSeeds());
      store.saveTableEntries(List.of(r1, r1newer, r2, r3, r4));
      assertEquals(List.of(r1, r2, r3), store.bootstrapSeeds());
    }
    try (NodeStore store = NodeStore.open(dir, opts)) {
      assertEquals(List.of(r1, r2, r3), store.bootstrapSeeds());
      store.saveTableEntries(List.of(r4));
    }
    try (NodeStore store = NodeStore.open(dir, opts)) {
      assertEquals(List.of(r4), store.bootstrapSeeds());
    }
  }

  @Test
  void corruptEntriesAreSkippedCountedAndNeverFatal() throws Exception {
    SignedPeerRecord seed = record(key(21), 1);
    NodeId peer = StoreTestData.dhtKey("peer");
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      store.saveOwnRecord(record(store.key(), store.nextSeq()));
      store.announce(cid(1));
      store.noteSeq(peer, 7);
      store.saveTableEntries(List.of(seed));
    }
    byte[] tampered = record(key(22), 1).encoded();
    tampered[tampered.length - 1] ^= 1; // breaks the signature
    StoreTestData.editRaw(
        dir,
        maps -> {
          maps.open(NodeStore.META).put(OwnRecord.RECORD_KEY, new byte[] {1, 2, 3});
          maps.open(NodeStore.ANNOUNCED).put(new byte[] {1, 2, 3}, new byte[0]);
          maps.open(NodeStore.PEER_SEQS).put(new byte[] {9}, new byte[] {1});
          maps.open(NodeStore.SEEDS).put(new byte[] {0, 0, 0, 7}, new byte[] {4, 5});
          maps.open(NodeStore.SEEDS).put(new byte[] {0, 0, 0, 8}, tampered);
        });
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      assertTrue(store.ownRecord().isEmpty());
      assertEquals(List.of(cid(1)), store.announced());
      assertEquals(OptionalLong.of(7), store.highestSeq(peer));
      assertEquals(List.of(seed), store.bootstrapSeeds());
      List<LoadReport> reports = store.loadReports();
      assertEquals(new LoadReport(LoadReport.Part.OWN_RECORD, 0, 1, 0, 0), reports.get(0));
      assertEquals(new LoadReport(LoadReport.Part.ANNOUNCED, 1, 1, 0, 0), reports.get(1));
      assertEquals(new LoadReport(LoadReport.Part.PEER_SEQS, 1, 1, 0, 0), reports.get(2));
      assertEquals(new LoadReport(LoadReport.Part.SEEDS, 1, 2, 0, 0), reports.get(3));
      // The seq handed out before still counts, though the record carrying it was lost.
      assertTrue(store.nextSeq() > WALL_START / 1000);
    }
    // Corrupt entries were left where they were.
    StoreTestData.editRaw(
        dir, maps -> assertTrue(maps.open(NodeStore.ANNOUNCED).containsKey(new byte[] {1, 2, 3})));
  }

  @Test
  void aStoreOfANewerFormatIsRefusedAndLeftAsItIs() throws Exception {
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      store.announce(cid(1));
    }
    byte[] newer = {0, 0, 0, 2};
    StoreTestData.editRaw(dir, maps -> maps.open(NodeStore.META).put(Maps.FORMAT_KEY, newer));
    StoreException e = assertThrows(StoreException.class, () -> NodeStore.open(dir, options(wall)));
    assertEquals(Reason.UNSUPPORTED_FORMAT, e.reason());
    StoreTestData.editRaw(
        dir,
        maps -> {
          assertArrayEquals(newer, maps.open(NodeStore.META).get(Maps.FORMAT_KEY));
          assertTrue(maps.open(NodeStore.ANNOUNCED).containsKey(cid(1).toBytes()));
        });
  }

  @Test
  void aClosedStoreRefusesUseAndClosesOnce() throws Exception {
    NodeStore store = NodeStore.open(dir, options(wall));
    store.close();
    store.close();
    assertThrows(IllegalStateException.class, () -> store.noteSeq(NodeId.ZERO, 1));
    assertThrows(IllegalStateException.class, store::commit);
  }
}

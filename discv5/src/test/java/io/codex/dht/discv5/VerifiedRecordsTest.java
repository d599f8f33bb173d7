package io.codex.dht.discv5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.codex.dht.session.CodexProfile;
import io.codex.dht.session.WireProfile;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shared memo of verified records: same bytes, same record; anything else verified again. */
class VerifiedRecordsTest {
  private final Random random = new Random(31);

  private SignedPeerRecord record(PrivateKey key, long seq) throws Exception {
    return SignedPeerRecord.builder(key)
        .seq(seq)
        .address(Multiaddr.udp(InetAddress.getByName("198.51.100.7"), 9000))
        .build();
  }

  private static SignedPeerRecord decode(VerifiedRecords memo, byte[] bytes)
      throws DecodeException {
    return memo.decode(SignedPeerRecord.claimedNodeId(bytes), bytes);
  }

  @Test
  void identicalBytesReturnTheRecordVerifiedBefore() throws Exception {
    VerifiedRecords memo = new VerifiedRecords(16);
    byte[] bytes = record(PrivateKey.generate(random), 1).encoded();
    SignedPeerRecord first = decode(memo, bytes);
    assertSame(first, decode(memo, bytes.clone()));
    assertEquals(1, memo.size());
  }

  @Test
  void forgedBytesForAHeldIdAreStillRejected() throws Exception {
    VerifiedRecords memo = new VerifiedRecords(16);
    byte[] bytes = record(PrivateKey.generate(random), 1).encoded();
    decode(memo, bytes);
    byte[] forged = bytes.clone();
    forged[forged.length - 5] ^= 1; // inside the signature; the claimed id is unchanged
    assertThrows(DecodeException.class, () -> decode(memo, forged));
  }

  @Test
  void aNewerRecordReplacesTheHeldOne() throws Exception {
    VerifiedRecords memo = new VerifiedRecords(16);
    PrivateKey key = PrivateKey.generate(random);
    SignedPeerRecord v1 = decode(memo, record(key, 1).encoded());
    byte[] v2 = record(key, 2).encoded();
    SignedPeerRecord second = decode(memo, v2);
    assertNotSame(v1, second);
    assertEquals(2, second.seq());
    assertSame(second, decode(memo, v2));
    assertEquals(1, memo.size());
  }

  @Test
  void theMemoNeverGrowsPastItsCapacity() throws Exception {
    VerifiedRecords memo = new VerifiedRecords(3);
    for (int i = 0; i < 10; i++) {
      decode(memo, record(PrivateKey.generate(random), 1).encoded());
    }
    assertEquals(3, memo.size());
  }

  @Test
  void capacityZeroVerifiesEveryTime() throws Exception {
    VerifiedRecords memo = new VerifiedRecords(0);
    byte[] bytes = record(PrivateKey.generate(random), 1).encoded();
    assertNotSame(decode(memo, bytes), decode(memo, bytes));
    assertEquals(0, memo.size());
  }

  @Test
  void handshakeRecordsGoThroughTheMemoOnlyWhenItKeepsRecords() throws Exception {
    assertSame(
        CodexProfile.INSTANCE,
        RecordMemoProfile.wrap(CodexProfile.INSTANCE, new VerifiedRecords(0)));
    WireProfile<SignedPeerRecord> profile =
        RecordMemoProfile.wrap(CodexProfile.INSTANCE, new VerifiedRecords(16));
    SignedPeerRecord record = record(PrivateKey.generate(random), 1);
    byte[] bytes = record.encoded();
    SignedPeerRecord first = profile.decodeRecord(record.nodeId(), bytes);
    assertSame(first, profile.decodeRecord(record.nodeId(), bytes.clone()));
    byte[] forged = bytes.clone();
    forged[forged.length - 5] ^= 1;
    assertThrows(DecodeException.class, () -> profile.decodeRecord(record.nodeId(), forged));
  }
}

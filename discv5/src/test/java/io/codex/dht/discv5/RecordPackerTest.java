package io.codex.dht.discv5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.session.CodexProfile;
import io.codex.dht.session.Message;
import io.codex.dht.session.SessionLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/** NODES and PROVIDERS answers are split so that every packet stays within 1280 bytes. */
class RecordPackerTest {
  /** Masking IV, static header, source id and GCM tag around an ordinary message. */
  private static final int ORDINARY_OVERHEAD = 16 + 23 + 32 + 16;

  @Test
  void everyMessageFitsOnePacketAndNothingIsLost() {
    Random random = new Random(4);
    for (int round = 0; round < 500; round++) {
      int count = random.nextInt(21);
      List<byte[]> records = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        byte[] r = new byte[150 + random.nextInt(875)]; // up to the 1024-byte record limit
        random.nextBytes(r);
        records.add(r);
      }
      boolean clientMode = random.nextBoolean();
      Bytes rid = Bytes.random(1 + random.nextInt(8), random);
      List<List<byte[]>> groups = RecordPacker.pack(records, rid.size(), clientMode);
      int total = 0;
      for (List<byte[]> g : groups) {
        List<Bytes> wrapped = g.stream().map(Bytes::wrap).toList();
        for (Message m :
            List.of(
                new Message.Nodes(rid, groups.size(), wrapped),
                new Message.Providers(rid, groups.size(), wrapped))) {
          int packet =
              CodexProfile.INSTANCE.encodeMessage(m, clientMode).length + ORDINARY_OVERHEAD;
          assertTrue(packet <= SessionLayer.MAX_PACKET_SIZE, "packet of " + packet + " bytes");
        }
        total += g.size();
      }
      assertEquals(count, total, "every record is sent");
      assertTrue(!groups.isEmpty(), "an empty answer is one empty message");
    }
  }

  @Test
  void typicalRecordsShareMessages() {
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      records.add(new byte[210]);
    }
    List<List<byte[]>> groups = RecordPacker.pack(records, 8, false);
    assertEquals(4, groups.size()); // five 210-byte records per 1193-byte message
  }
}

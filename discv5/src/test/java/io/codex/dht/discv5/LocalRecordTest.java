package io.codex.dht.discv5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.RecordFormat;
import io.codex.dht.spr.ServiceInfo;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The node's own record: seq rules, service and address changes, pinned addresses. */
class LocalRecordTest {
  private final PrivateKey key = PrivateKey.generate(new Random(5));
  private long wallMillis = 1_700_000_000_000L;

  @Test
  void seqIsMaxOfPreviousPlusOneAndUnixSeconds() {
    LocalRecord r =
        new LocalRecord(key, RecordFormatOption.LOGOS, List.of(), List.of(), 0, () -> wallMillis);
    assertEquals(1_700_000_000L, r.current().seq());
    SignedPeerRecord next = r.setServices(List.of(ServiceInfo.of("a")));
    assertEquals(1_700_000_001L, next.seq(), "same second: previous + 1");
    wallMillis += 60_000;
    assertEquals(1_700_000_060L, r.setServices(List.of()).seq(), "later: unix seconds");
    LocalRecord restarted =
        new LocalRecord(
            key, RecordFormatOption.LOGOS, List.of(), List.of(), 5_000_000_000L, () -> 0L);
    assertEquals(5_000_000_001L, restarted.current().seq(), "a stored seq is never reused");
  }

  @Test
  void endpointChangesReplaceTheSameFamilyAndListenersHear() {
    LocalRecord r =
        new LocalRecord(key, RecordFormatOption.LOGOS, List.of(), List.of(), 0, () -> wallMillis);
    List<SignedPeerRecord> heard = new ArrayList<>();
    r.onChange(heard::add);
    assertTrue(r.setEndpoint(new InetSocketAddress("203.0.113.1", 8090)));
    assertTrue(r.setEndpoint(new InetSocketAddress("2001:db8::1", 8090)));
    assertFalse(r.setEndpoint(new InetSocketAddress("203.0.113.1", 8090)), "no change");
    assertTrue(r.setEndpoint(new InetSocketAddress("203.0.113.2", 8091)));
    assertEquals(
        List.of("/ip4/203.0.113.2/udp/8091", "/ip6/2001:db8::1/udp/8090"),
        r.current().addresses().stream().map(Multiaddr::toString).toList());
    assertEquals(3, heard.size());
    assertEquals(r.current(), heard.get(2));
  }

  @Test
  void pinnedAddressesAreNeverOverwritten() throws Exception {
    Multiaddr pinned = Multiaddr.fromString("/ip4/198.51.100.1/udp/8090");
    LocalRecord r =
        new LocalRecord(
            key, RecordFormatOption.LOGOS, List.of(pinned), List.of(), 0, () -> wallMillis);
    assertFalse(r.setEndpoint(new InetSocketAddress("203.0.113.9", 1), "voted"));
    assertEquals(List.of(pinned), r.current().addresses());
    assertEquals(java.util.Map.of(pinned, "announced"), r.addressSources());
  }

  @Test
  void eachAddressRemembersHowItWasLearned() throws Exception {
    LocalRecord r =
        new LocalRecord(key, RecordFormatOption.LOGOS, List.of(), List.of(), 0, () -> wallMillis);
    r.setEndpoint(new InetSocketAddress("10.0.0.5", 8090));
    r.setEndpoint(new InetSocketAddress("2001:db8::1", 8090));
    r.setEndpoint(new InetSocketAddress("203.0.113.7", 8090), "voted");
    assertEquals(
        java.util.Map.of(
            Multiaddr.fromString("/ip4/203.0.113.7/udp/8090"), "voted",
            Multiaddr.fromString("/ip6/2001:db8::1/udp/8090"), "listen"),
        r.addressSources());
  }

  @Test
  void peerRecordFormatRefusesServicesAndKeepsTheRecord() {
    LocalRecord r =
        new LocalRecord(
            key, RecordFormatOption.PEER_RECORD, List.of(), List.of(), 0, () -> wallMillis);
    SignedPeerRecord before = r.current();
    assertThrows(IllegalArgumentException.class, () -> r.setServices(List.of(ServiceInfo.of("x"))));
    assertEquals(before, r.current());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LocalRecord(
                    key, RecordFormatOption.LOGOS, List.of(), List.of(), 0, () -> wallMillis)
                .setServices(List.of(ServiceInfo.of("x", new byte[34]))));
  }

  @Test
  void autoPublishesAPeerRecordUntilServicesAreAdvertised() {
    LocalRecord r =
        new LocalRecord(key, RecordFormatOption.AUTO, List.of(), List.of(), 0, () -> wallMillis);
    assertEquals(RecordFormat.PEER_RECORD, r.current().format());
    assertSame(r.current(), r.plain(), "no services: one form");
    assertFalse(r.hasFullForm());
    SignedPeerRecord full = r.setServices(List.of(ServiceInfo.of("/mix/1.0.0", new byte[] {1})));
    assertEquals(RecordFormat.LOGOS, full.format());
    assertTrue(r.hasFullForm());
    assertEquals(RecordFormat.PEER_RECORD, r.plain().format());
    assertEquals(full.seq(), r.plain().seq(), "both forms are signed at one seq");
    assertEquals(full.addresses(), r.plain().addresses());
    assertTrue(r.plain().services().isEmpty());
    assertSame(full, r.forPeer(true));
    assertSame(r.plain(), r.forPeer(false));
    assertTrue(full.isNewerThan(r.plain()), "same seq: the form with services wins");
    assertFalse(r.plain().isNewerThan(full), "never the reverse");
    r.setServices(List.of());
    assertEquals(RecordFormat.PEER_RECORD, r.current().format(), "services gone: plain again");
    assertSame(r.current(), r.plain());
  }

  @Test
  void logosWithoutServicesStillSignsAPlainTwin() {
    LocalRecord r =
        new LocalRecord(key, RecordFormatOption.LOGOS, List.of(), List.of(), 0, () -> wallMillis);
    assertEquals(RecordFormat.LOGOS, r.current().format());
    assertEquals(RecordFormat.PEER_RECORD, r.plain().format());
    assertEquals(r.current().seq(), r.plain().seq());
    assertTrue(r.setEndpoint(new InetSocketAddress("203.0.113.7", 8090)));
    assertEquals(r.current().addresses(), r.plain().addresses(), "address changes reach both");
    assertEquals(r.current().seq(), r.plain().seq());
    assertFalse(r.current().isNewerThan(r.plain()), "neither has services: neither wins");
    assertFalse(r.plain().isNewerThan(r.current()));
  }
}

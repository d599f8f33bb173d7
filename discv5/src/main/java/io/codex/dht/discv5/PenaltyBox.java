package io.codex.dht.discv5;

import io.codex.dht.spr.NodeId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Peers that answered with invalid records (forged, at distances not asked for, relaying local
 * addresses, duplicated, too many): not queried again for a while. Only authenticated answers land
 * a peer here, so spoofed traffic cannot get an honest peer penalised.
 *
 * <p>Implementation notes: insertion order equals expiry order (one fixed penalty), so expiry pops
 * from the head; the map is bounded and the oldest penalty goes first when it is full.
 */
final class PenaltyBox {
  private final long penaltyMillis;
  private final int capacity;
  private final LinkedHashMap<NodeId, Long> until = new LinkedHashMap<>();

  PenaltyBox(long penaltyMillis, int capacity) {
    this.penaltyMillis = penaltyMillis;
    this.capacity = capacity;
  }

  /** Penalises {@code peer} from {@code nowMillis} on. */
  void penalise(NodeId peer, long nowMillis) {
    until.remove(peer);
    until.put(peer, nowMillis + penaltyMillis);
    if (until.size() > capacity) {
      Iterator<NodeId> oldest = until.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** Whether {@code peer} is serving a penalty at {@code nowMillis}. */
  boolean isPenalised(NodeId peer, long nowMillis) {
    expire(nowMillis);
    Long end = until.get(peer);
    return end != null && end - nowMillis > 0;
  }

  int size() {
    return until.size();
  }

  private void expire(long nowMillis) {
    Iterator<Map.Entry<NodeId, Long>> it = until.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue() - nowMillis > 0) {
        return;
      }
      it.remove();
    }
  }
}

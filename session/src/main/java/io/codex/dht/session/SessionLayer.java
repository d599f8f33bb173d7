package io.codex.dht.session;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.tuweni.bytes.Bytes;

/**
 * The encrypted session layer of one node: turns messages into packets and packets into messages,
 * running the WHOAREYOU handshake and keeping the session cache.
 *
 * <p>Single-threaded: every method must be called on the node's own thread; there are no locks.
 * Time ({@link LongSupplier} of monotonic nanoseconds) and randomness are injected, and expiry is
 * lazy (O(1) per call) plus {@link #expire()} for a timer.
 *
 * <ul>
 *   <li>A request to a node without a session goes out as an ordinary packet with random content;
 *       more messages to that node queue behind it. The WHOAREYOU answering it (matched by nonce,
 *       from the address we sent to) is answered with a handshake around the first request, and the
 *       queue follows at once.
 *   <li>A packet no session key opens gets a WHOAREYOU, one challenge per (node id, ip:port), sent
 *       again unchanged to further packets while it lives; never to more than 1280 bytes in, never
 *       to less than 87 (so never more bytes out than in), and within a budget per destination IP
 *       and in total ({@link SessionConfig#whoareyouPerIpPerSecond()}). Packets over budget are
 *       dropped; nothing unauthenticated ever bans an address.
 *   <li>A handshake is checked in order: our challenge exists (and is consumed), the budget of
 *       handshakes we did not start has room (in total and for the source IP), the id-signature
 *       verifies, then ECDH, key derivation and decryption; keys are stored only then.
 *   <li>Sessions are bounded in total and per IP; the sessions of protected nodes ({@link
 *       NodeDirectory#isProtected}) and sessions with a request in flight are evicted last.
 * </ul>
 *
 * @param <R> the wire profile's record type
 */
public final class SessionLayer<R> {
  /** The largest packet sent, and the largest accepted except session-authenticated ones. */
  public static final int MAX_PACKET_SIZE = PacketCodec.MAX_PACKET_SIZE;

  /** The largest encoded message that fits an ordinary packet of {@link #MAX_PACKET_SIZE}. */
  public static final int MAX_MESSAGE_SIZE = MAX_PACKET_SIZE - PacketCodec.MIN_ORDINARY_SIZE;

  /** Random "message" of the packet starting a handshake: a GCM tag and a 4-byte minimal PING. */
  private static final int FILLER_SIZE = 20;

  private static final byte[] NO_RECORD = new byte[0];

  /** A message to send, encoded once; the key is what a handshake with {@code to} would use. */
  private record Outgoing(
      NodeContact to, PublicKey remoteKey, Message message, boolean clientMode, byte[] plaintext) {}

  // Implementation notes: a handshake we start is remembered twice, under the random packet's
  // nonce (pendingRequests, like every request we send, so any WHOAREYOU for it can be answered)
  // and under the peer (handshakes, with the queue). When the handshake times out both go, and its
  // messages are reported failed: a WHOAREYOU arriving later finds nothing and is dropped, so a
  // message is either delivered through exactly one handshake or reported failed, never both.

  /** A handshake we started, waiting for the WHOAREYOU that answers its first packet. */
  private record Outbound(Bytes firstNonce, Outgoing first, List<Outgoing> queue) {}

  private final WireProfile<R> profile;
  private final PrivateKey localKey;
  private final NodeId localId;
  private final Supplier<R> localRecord;
  private final Function<NodeId, R> recordFor;
  private final IntSupplier features;
  private final SessionConfig config;
  private final LongSupplier clock;
  private final Random random;
  private final BiConsumer<InetSocketAddress, byte[]> output;
  private final SessionListener<R> listener;
  private final NodeDirectory directory;
  private final SessionStats stats = new SessionStats();
  private final PacketCodec codec;
  private final Handshaker<R> handshaker;
  private final SessionCache sessions;
  private final ExpiringMap<SessionKey, Challenge> challenges;
  private final ExpiringMap<Bytes, Outgoing> pendingRequests;
  private final ExpiringMap<SessionKey, Outbound> handshakes;
  private final RateLimiter whoareyouLimiter;
  private final RateLimiter handshakeLimiter;
  private final long inFlightNanos;

  /**
   * Ordinary packets that arrived undecryptable while our challenge to their sender was pending:
   * replayed once the handshake completes (at most {@link #MAX_EARLY_PER_PEER} per peer).
   */
  private final ExpiringMap<SessionKey, List<Packet.Ordinary>> early;

  /** Packets held per peer while its handshake completes. */
  static final int MAX_EARLY_PER_PEER = 4;

  /** Peers with held packets at once. */
  static final int MAX_EARLY_PEERS = 256;

  SessionLayer(SessionLayerBuilder<R> b) {
    this.profile = b.profile;
    this.localKey = b.localKey;
    this.localId = b.profile.nodeId(b.localKey.publicKey());
    this.localRecord = b.localRecord;
    this.recordFor = b.recordFor;
    this.features = b.features;
    this.config = b.config;
    this.clock = b.clock;
    this.random = b.random;
    this.output = Objects.requireNonNull(b.output, "output");
    this.listener = Objects.requireNonNull(b.listener, "listener");
    this.directory = b.directory;
    Crypto crypto = new Crypto();
    this.codec = new PacketCodec(crypto, localId);
    this.handshaker = new Handshaker<>(profile, localKey, localId, crypto, codec, stats);
    this.inFlightNanos = config.pendingRequestTtl().toNanos();
    this.sessions =
        new SessionCache(
            config.sessionCacheSize(),
            config.maxSessionsPerIp(),
            config.limitLocalAddresses(),
            config.protectSessions() ? this::isProtected : SessionCache.Protection.NONE,
            stats);
    this.whoareyouLimiter = config.whoareyouLimiter();
    this.handshakeLimiter = config.handshakeLimiter();
    this.challenges = new ExpiringMap<>(config.challengeTtl().toNanos(), config.maxChallenges());
    this.pendingRequests =
        new ExpiringMap<>(config.pendingRequestTtl().toNanos(), config.maxPendingRequests());
    this.handshakes =
        new ExpiringMap<>(config.handshakeTimeout().toNanos(), config.maxHandshakes());
    this.early = new ExpiringMap<>(config.challengeTtl().toNanos(), MAX_EARLY_PEERS);
  }

  /** Starts a layer for the node with {@code localKey}, whose current record is supplied. */
  public static <R> SessionLayerBuilder<R> builder(
      WireProfile<R> profile, PrivateKey localKey, Supplier<R> localRecord) {
    return new SessionLayerBuilder<>(profile, localKey, localRecord);
  }

  /** This node's id. */
  public NodeId localId() {
    return localId;
  }

  /** The counters. */
  public SessionStats stats() {
    return stats;
  }

  /** The number of sessions held. */
  public int sessionCount() {
    return sessions.size();
  }

  /** Whether a session with {@code id} at {@code address} exists (and marks it used). */
  public boolean hasSession(NodeId id, InetSocketAddress address) {
    return sessions.get(new SessionKey(id, address)) != null;
  }

  /**
   * Sends {@code message} to {@code to}: at once within a session, else (requests only) after a
   * handshake. Failures are reported through {@link SessionListener#onSendFailed}.
   *
   * @throws IllegalArgumentException if the encoded message exceeds {@link #MAX_MESSAGE_SIZE}, or a
   *     handshake is due and the contact's (or directory's) key does not belong to its node id
   */
  public void send(NodeContact to, Message message, boolean clientMode) {
    byte[] plaintext = profile.encodeMessage(message, clientMode, features.getAsInt());
    if (plaintext.length > MAX_MESSAGE_SIZE) {
      throw new IllegalArgumentException(
          "message of " + plaintext.length + " bytes exceeds " + MAX_MESSAGE_SIZE);
    }
    long now = clock.getAsLong();
    expire(now);
    SessionKey key = new SessionKey(to.id(), to.address());
    Session session = sessions.get(key);
    PublicKey remoteKey = to.publicKey();
    if (remoteKey == null && session != null) {
      remoteKey = session.remoteKey;
    }
    Outgoing out = new Outgoing(to, remoteKey, message, clientMode, plaintext);
    if (session != null) {
      sendInSession(session, out, now);
      return;
    }
    if (!message.isRequest()) {
      sendFailed(out, SendFailure.NO_SESSION);
      return;
    }
    Outbound started = handshakes.get(key, now);
    if (started != null) {
      if (started.queue().size() >= config.maxQueuedPerHandshake()) {
        sendFailed(out, SendFailure.QUEUE_FULL);
      } else {
        started.queue().add(out);
      }
      return;
    }
    if (out.remoteKey() == null) {
      NodeDirectory.KnownNode known = directory.lookup(to.id());
      if (known == null) {
        sendFailed(out, SendFailure.UNKNOWN_PUBLIC_KEY);
        return;
      }
      out = new Outgoing(to, known.publicKey(), message, clientMode, plaintext);
    }
    if (!profile.nodeId(out.remoteKey()).equals(to.id())) {
      throw new IllegalArgumentException("the public key of " + to + " is not node " + to.id());
    }
    if (handshakes.isFull()) {
      sendFailed(out, SendFailure.HANDSHAKE_LIMIT);
      return;
    }
    byte[] nonce = randomBytes(Crypto.NONCE_SIZE);
    byte[] packet =
        codec.encodeRandom(
            Crypto.maskingKey(to.id()),
            randomBytes(Crypto.IV_SIZE),
            nonce,
            localId,
            randomBytes(FILLER_SIZE));
    Bytes nonceKey = Bytes.wrap(nonce);
    pendingRequests.put(nonceKey, out, now);
    handshakes.put(key, new Outbound(nonceKey, out, new ArrayList<>(2)), now);
    profile.startingHandshake(out.remoteKey());
    transmit(to.address(), packet);
  }

  /**
   * Handles one received datagram. Bad input of any kind becomes a counted drop; this method throws
   * only what the listener throws. The layer keeps no reference to {@code datagram}.
   */
  public void onDatagram(byte[] datagram, InetSocketAddress from) {
    long now = clock.getAsLong();
    expire(now);
    stats.packetsReceived++;
    stats.bytesReceived += datagram.length;
    Packet packet;
    try {
      packet = codec.decode(datagram);
    } catch (DecodeException e) {
      drop(from, DropReason.MALFORMED, e.reason());
      return;
    }
    if (packet instanceof Packet.Ordinary p) {
      onOrdinary(p, from, now, false);
    } else if (packet instanceof Packet.Whoareyou p) {
      onWhoareyou(p, from, now);
    } else if (packet instanceof Packet.Handshake p) {
      onHandshake(p, from, now);
    }
  }

  /** Expires challenges, remembered requests and handshakes that are due (for a node timer). */
  public void expire() {
    expire(clock.getAsLong());
  }

  private void expire(long now) {
    challenges.expire(now, null);
    early.expire(now, null);
    pendingRequests.expire(now, null);
    handshakes.expire(now, this::handshakeTimedOut);
  }

  private void handshakeTimedOut(SessionKey key, Outbound started) {
    pendingRequests.remove(started.firstNonce());
    sendFailed(started.first(), SendFailure.HANDSHAKE_TIMEOUT);
    for (Outgoing queued : started.queue()) {
      sendFailed(queued, SendFailure.HANDSHAKE_TIMEOUT);
    }
  }

  private void onOrdinary(
      Packet.Ordinary packet, InetSocketAddress from, long now, boolean replayed) {
    SessionKey key = new SessionKey(packet.srcId(), from);
    Session session = sessions.get(key);
    if (session != null) {
      byte[] plaintext =
          codec.open(packet.header(), packet.packet(), packet.messageOffset(), session.readKey);
      if (plaintext == null && session.oldReadKey != null) {
        plaintext =
            codec.open(
                packet.header(), packet.packet(), packet.messageOffset(), session.oldReadKey);
        if (plaintext != null) {
          session.swapReadKeys();
        }
      }
      if (plaintext != null) {
        DecodedMessage decoded;
        try {
          decoded = profile.decodeMessage(plaintext);
        } catch (DecodeException e) {
          drop(from, DropReason.MALFORMED, e.reason());
          return;
        }
        deliver(packet.srcId(), from, decoded);
        return;
      }
    }
    if (replayed) {
      // It was answered (with the challenge just used) when it arrived: no second answer.
      drop(from, DropReason.HELD_PACKET_UNDECRYPTABLE, null);
      return;
    }
    // Undecryptable: the sender has no session with us (or lost it). The codec already refused
    // ordinary packets under 87 bytes, so a 63-byte WHOAREYOU never outweighs what came in.
    if (packet.packet().length > MAX_PACKET_SIZE) {
      drop(from, DropReason.UNDECRYPTABLE_TOO_LARGE, null);
      return;
    }
    holdIfHandshaking(key, packet, now);
    sendWhoareyou(key, packet.nonce(), now);
  }

  // Implementation notes: when both sides start at once, or when the messages an initiator sends
  // right after its handshake overtake the handshake packet, the recipient gets packets under keys
  // it does not have yet. Codex drops them (the requests then time out); holding a few per peer
  // until the pending handshake completes delivers them instead. The hold is bounded per peer and
  // in total and ends with the challenge's lifetime.
  private void holdIfHandshaking(SessionKey key, Packet.Ordinary packet, long now) {
    if (challenges.get(key, now) == null) {
      return;
    }
    List<Packet.Ordinary> held = early.get(key, now);
    if (held == null) {
      if (early.isFull()) {
        return;
      }
      held = new ArrayList<>(2);
      early.put(key, held, now);
    }
    if (held.size() < MAX_EARLY_PER_PEER) {
      held.add(packet);
      stats.earlyPacketsHeld++;
    }
  }

  // Implementation notes: a repeated WHOAREYOU costs the victim of a spoofed source as much as a
  // new one, so both take a token; a packet over budget creates no challenge either, which bounds
  // the live challenges by the global rate times their lifetime (plus one burst).
  private void sendWhoareyou(SessionKey key, Bytes requestNonce, long now) {
    Challenge current = challenges.get(key, now);
    if (current == null && challenges.isFull()) {
      drop(key.address(), DropReason.CHALLENGE_LIMIT, null);
      return;
    }
    if (!whoareyouLimiter.tryAcquire(key.address().getAddress(), now)) {
      drop(key.address(), DropReason.WHOAREYOU_RATE_LIMITED, null);
      return;
    }
    if (current != null) {
      stats.whoareyouResent++;
      transmit(key.address(), current.packet());
      return;
    }
    NodeDirectory.KnownNode known = directory.lookup(key.id());
    byte[] challengeData =
        PacketCodec.whoareyouChallenge(
            randomBytes(Crypto.IV_SIZE),
            requestNonce.toArrayUnsafe(),
            randomBytes(16),
            known == null ? 0 : known.recordSeq());
    byte[] packet = codec.encodeWhoareyou(Crypto.maskingKey(key.id()), challengeData);
    challenges.put(
        key, new Challenge(challengeData, packet, known == null ? null : known.publicKey()), now);
    stats.whoareyouSent++;
    transmit(key.address(), packet);
  }

  private void onWhoareyou(Packet.Whoareyou whoareyou, InetSocketAddress from, long now) {
    Bytes nonce = whoareyou.nonce();
    Outgoing request = pendingRequests.get(nonce, now);
    if (request == null) {
      drop(from, DropReason.UNSOLICITED_WHOAREYOU, null);
      return;
    }
    if (!request.to().address().equals(from)) {
      drop(from, DropReason.WHOAREYOU_WRONG_ADDRESS, null);
      return;
    }
    pendingRequests.remove(nonce);
    SessionKey key = new SessionKey(request.to().id(), from);
    List<Outgoing> follow = new ArrayList<>();
    Outbound started = handshakes.remove(key, now);
    if (started != null) {
      if (!started.firstNonce().equals(nonce)) {
        pendingRequests.remove(started.firstNonce());
        follow.add(started.first());
      }
      follow.addAll(started.queue());
    }
    PublicKey remoteKey = request.remoteKey();
    if (remoteKey == null) {
      NodeDirectory.KnownNode known = directory.lookup(key.id());
      remoteKey = known == null ? null : known.publicKey();
    }
    if (remoteKey == null) {
      failAll(request, follow, SendFailure.UNKNOWN_PUBLIC_KEY);
      return;
    }
    R record = recordFor == null ? localRecord.get() : recordFor.apply(key.id());
    byte[] recordBytes =
        Long.compareUnsigned(whoareyou.recordSeq(), profile.recordSeq(record)) < 0
            ? profile.encodeRecord(record)
            : NO_RECORD;
    Handshaker.Initiated hs =
        handshaker.initiate(
            whoareyou, key.id(), remoteKey, recordBytes, request.plaintext(), random);
    if (hs.packet().length > MAX_PACKET_SIZE) {
      failAll(request, follow, SendFailure.HANDSHAKE_TOO_LARGE);
      return;
    }
    Session session = sessions.store(key, hs.readKey(), hs.writeKey(), remoteKey);
    session.requestSent(now); // the handshake carries the request
    stats.handshakesInitiated++;
    stats.messagesSent++;
    transmit(from, hs.packet());
    for (Outgoing queued : follow) {
      sendInSession(session, queued, now);
    }
  }

  private void onHandshake(Packet.Handshake packet, InetSocketAddress from, long now) {
    SessionKey key = new SessionKey(packet.srcId(), from);
    Challenge challenge = challenges.remove(key, now); // one attempt per challenge
    if (challenge == null) {
      drop(from, DropReason.HANDSHAKE_NO_CHALLENGE, null);
      return;
    }
    // Implementation notes: over budget, the challenge is used up rather than kept. Keeping it
    // would not help the honest sender: nobody retransmits a handshake, and its next request
    // carries a new nonce, which a kept challenge would answer with the old one (ignored by the
    // sender) until it expired; used up, that next request draws a fresh challenge at once. It
    // also keeps the work per challenge at one decision. A handshake crossing one we started
    // answers our own request: it is exempt from the budget.
    if (handshakes.get(key, now) == null && !handshakeLimiter.tryAcquire(from.getAddress(), now)) {
      early.remove(key);
      drop(from, DropReason.HANDSHAKE_RATE_LIMITED, null);
      return;
    }
    Handshaker.Accepted<R> accepted;
    try {
      accepted = handshaker.accept(packet, challenge, directory);
    } catch (Handshaker.Failure f) {
      drop(from, f.reason, f.detail);
      return;
    }
    Session session =
        sessions.store(key, accepted.readKey(), accepted.writeKey(), accepted.remoteKey());
    stats.handshakesAccepted++;
    // A handshake we started towards the same node is now moot: send its messages in this session.
    Outbound started = handshakes.remove(key, now);
    if (started != null) {
      pendingRequests.remove(started.firstNonce());
      sendInSession(session, started.first(), now);
      for (Outgoing queued : started.queue()) {
        sendInSession(session, queued, now);
      }
    }
    DecodedMessage decoded = accepted.message();
    listener.onHandshake(packet.srcId(), from, accepted.record(), decoded.clientMode());
    deliver(packet.srcId(), from, decoded);
    List<Packet.Ordinary> held = early.remove(key, now);
    if (held != null) {
      for (Packet.Ordinary p : held) {
        stats.earlyPacketsReplayed++;
        onOrdinary(p, from, now, true);
      }
    }
  }

  private void sendInSession(Session session, Outgoing out, long now) {
    byte[] nonce = randomBytes(Crypto.NONCE_SIZE);
    byte[] packet =
        codec.encodeOrdinary(
            session.destinationMask,
            randomBytes(Crypto.IV_SIZE),
            nonce,
            localId,
            session.writeKey,
            out.plaintext());
    if (out.message().isRequest()) {
      // Remembered so that a WHOAREYOU (the peer lost the session) gets a handshake around it.
      pendingRequests.put(Bytes.wrap(nonce), out, now);
      session.requestSent(now);
    }
    stats.messagesSent++;
    transmit(session.key.address(), packet);
  }

  // Implementation notes: "a request in flight" is a request sent in the session less than
  // pendingRequestTtl ago (the time a WHOAREYOU for it is answered, and the node's response
  // timeout by default). The layer does not see which response answers which request, so a
  // session stays protected for that long even when its answer came early.
  private boolean isProtected(Session s) {
    return s.hasRequestInFlight(clock.getAsLong(), inFlightNanos)
        || directory.isProtected(s.key.id());
  }

  private void deliver(NodeId from, InetSocketAddress address, DecodedMessage decoded) {
    stats.messagesReceived++;
    listener.onMessage(from, address, decoded);
  }

  private void transmit(InetSocketAddress to, byte[] packet) {
    stats.packetsSent++;
    stats.bytesSent += packet.length;
    output.accept(to, packet);
  }

  private void drop(InetSocketAddress from, DropReason reason, DecodeException.Reason detail) {
    stats.drop(reason, detail);
    listener.onDrop(from, reason, detail);
  }

  private void failAll(Outgoing first, List<Outgoing> rest, SendFailure reason) {
    sendFailed(first, reason);
    for (Outgoing o : rest) {
      sendFailed(o, reason);
    }
  }

  private void sendFailed(Outgoing out, SendFailure reason) {
    stats.sendFailure(reason);
    listener.onSendFailed(out.to(), out.message(), reason);
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  // Test and benchmark hooks (package-private).

  /** Installs session keys as if a handshake had produced them. */
  void installSession(
      NodeId id, InetSocketAddress address, byte[] readKey, byte[] writeKey, PublicKey remoteKey) {
    sessions.store(
        new SessionKey(id, address),
        Crypto.aesKey(readKey, 0),
        Crypto.aesKey(writeKey, 0),
        remoteKey);
  }

  /** Installs a challenge as if we had sent its WHOAREYOU to {@code id} at {@code address}. */
  void installChallenge(
      NodeId id, InetSocketAddress address, byte[] challengeData, PublicKey publicKey) {
    byte[] packet = codec.encodeWhoareyou(Crypto.maskingKey(id), challengeData);
    challenges.put(
        new SessionKey(id, address),
        new Challenge(challengeData.clone(), packet, publicKey),
        clock.getAsLong());
  }

  /** Entries looked at by the expiry of every timed map so far (O(1) per call, amortised). */
  long expiryWork() {
    return challenges.work() + early.work() + pendingRequests.work() + handshakes.work();
  }

  /** The number of sessions with peers at {@code ip}. */
  int sessionCountForIp(InetAddress ip) {
    return sessions.sizeForIp(ip);
  }

  /** IPs whose WHOAREYOU and handshake buckets are remembered. */
  int[] trackedIps() {
    return new int[] {whoareyouLimiter.trackedIps(), handshakeLimiter.trackedIps()};
  }

  /** The number of live challenges, requests remembered and handshakes in progress. */
  int[] pendingCounts() {
    return new int[] {challenges.size(), pendingRequests.size(), handshakes.size()};
  }

  /** Forgets every session, challenge, remembered request and handshake in progress. */
  void reset() {
    sessions.clear();
    challenges.clear();
    pendingRequests.clear();
    handshakes.clear();
    early.clear();
  }
}

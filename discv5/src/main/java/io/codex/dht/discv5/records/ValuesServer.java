package io.codex.dht.discv5.records;

import io.codex.dht.discv5.TalkHandler;
import io.codex.dht.discv5.exec.NodeScheduler;
import io.codex.dht.discv5.providers.SenderRateLimiter;
import io.codex.dht.discv5.records.pb.ValueRequest;
import io.codex.dht.spr.IpScope;
import io.codex.dht.spr.NodeId;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Answers {@value ValuesProtocol#ID} requests on the node's thread: a PUT passes the subnet rate,
 * the sender rate, the record's structure, the built-in checks and the namespace's validator, in
 * that order (the cheap checks before the signature), then the store's bounds; a GET is answered
 * with the selected record of the key, or none. Every refusal is counted with its reason.
 */
final class ValuesServer implements TalkHandler {
  private final Validators validators;
  private final ValueStore store;
  private final NodeScheduler scheduler;
  private final RecordMetrics metrics;
  private final SenderRateLimiter<NodeId> senders;
  private final SenderRateLimiter<Long> subnets;

  /**
   * Answers a GET with every record held for the key, concatenated, instead of the selected one: a
   * package-private switch for the amplification test's negative control, never set otherwise.
   */
  boolean answerAll;

  ValuesServer(
      Validators validators,
      ValueStore store,
      RecordStoreConfig config,
      NodeScheduler scheduler,
      RecordMetrics metrics) {
    this.validators = validators;
    this.store = store;
    this.scheduler = scheduler;
    this.metrics = metrics;
    this.senders =
        Double.isInfinite(config.putsPerSecond())
            ? null
            : new SenderRateLimiter<>(
                config.putsPerSecond(), config.putBurst(), config.maxTrackedSenders());
    this.subnets =
        Double.isInfinite(config.putsPerSubnetPerSecond())
            ? null
            : new SenderRateLimiter<>(
                config.putsPerSubnetPerSecond(),
                config.subnetPutBurst(),
                config.maxTrackedSenders());
  }

  @Override
  public byte[] handle(NodeId from, InetSocketAddress address, byte[] request) {
    ValueRequest r;
    try {
      r = ValuesProtocol.request(request);
    } catch (InvalidRecordException e) {
      metrics.refused(e.reason());
      return new byte[0];
    }
    return switch (r.getKindCase()) {
      case PUT -> put(from, address, r.getPut().getRecord().toByteArray());
      case GET -> get(r.getGet().getKey());
      default -> new byte[0];
    };
  }

  private byte[] put(NodeId from, InetSocketAddress address, byte[] raw) {
    long now = scheduler.nowMillis();
    byte[] ip = address.getAddress().getAddress();
    if (subnets != null
        && !IpScope.isLocal(ip)
        && !subnets.tryAcquire(IpScope.subnetKey(ip), now)) {
      return refuse("subnet_rate_limited");
    }
    if (senders != null && !senders.tryAcquire(from, now)) {
      return refuse("rate_limited");
    }
    ValueRecord record;
    RecordKey key;
    try {
      record = ValueRecord.decode(raw);
      key = RecordKey.parse(record.key());
    } catch (InvalidRecordException e) {
      return refuse(e.rejection());
    }
    Optional<Rejection> invalid = validators.check(key, record, scheduler.currentTimeMillis());
    if (invalid.isPresent()) {
      return refuse(invalid.get());
    }
    PutOutcome outcome = store.put(key, record, now, scheduler.currentTimeMillis());
    metrics.put(outcome);
    return ValuesProtocol.putAnswer(outcome.held(), outcome.held() ? "" : outcome.tag());
  }

  private byte[] get(String text) {
    RecordKey key;
    try {
      key = RecordKey.parse(text);
    } catch (InvalidRecordException e) {
      metrics.refused(e.reason());
      return ValuesProtocol.getAnswer(null);
    }
    Optional<Validator> v = validators.of(key.namespace());
    if (v.isEmpty()) {
      metrics.refused(Rejection.Reason.UNKNOWN_NAMESPACE);
      return ValuesProtocol.getAnswer(null);
    }
    List<ValueRecord> held = store.get(key, scheduler.nowMillis());
    if (held.isEmpty()) {
      metrics.get("miss");
      return ValuesProtocol.getAnswer(null);
    }
    metrics.get("hit");
    if (answerAll) {
      java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
      held.forEach(x -> all.writeBytes(x.encodedUnsafe()));
      return ValuesProtocol.getAnswerBytes(all.toByteArray());
    }
    // One record, the selected one: the answer fits one packet whatever the key holds.
    return ValuesProtocol.getAnswer(held.get(v.get().select(key, held)));
  }

  private byte[] refuse(Rejection rejection) {
    metrics.refused(rejection.reason());
    return ValuesProtocol.putAnswer(false, rejection.reason().tag());
  }

  private byte[] refuse(String reason) {
    metrics.refused(reason);
    return ValuesProtocol.putAnswer(false, reason);
  }
}

package io.codex.dht.discv5.records;

import io.codex.dht.discv5.records.pb.ValueResponse;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One get: GET to each of the closest nodes, every answer validated, then consolidation and
 * selection over the valid ones, then the selected record sent to holders that answered an older
 * record or none (closest first, bounded).
 */
final class Gather {
  private final RecordService service;
  private final RecordKey key;
  private final Validator validator;
  private final long startNanos;
  private final List<ValueRecord> records = new ArrayList<>();
  private final List<ValueRecord> local = new ArrayList<>();
  private final List<SignedPeerRecord> peers = new ArrayList<>();
  private final List<ValueRecord> answers = new ArrayList<>(); // null = answered none
  private int left;
  private int invalid;
  final CompletableFuture<GetResult> done = new CompletableFuture<>();

  Gather(RecordService service, RecordKey key, Validator validator, long startNanos) {
    this.service = service;
    this.key = key;
    this.validator = validator;
    this.startNanos = startNanos;
  }

  /** The records this node holds for the key. */
  void local(List<ValueRecord> held) {
    local.addAll(held);
    records.addAll(held);
  }

  void ask(List<SignedPeerRecord> closest) {
    left = closest.size();
    if (left == 0) {
      finish();
      return;
    }
    byte[] request = ValuesProtocol.get(key);
    for (SignedPeerRecord peer : closest) {
      service
          .node()
          .talkRequest(peer, ValuesProtocol.ID, request)
          .whenComplete(
              (bytes, error) -> {
                if (error == null) {
                  onAnswer(peer, bytes);
                } else {
                  service.metrics().answer("failed");
                }
                if (--left == 0) {
                  finish();
                }
              });
    }
  }

  private void onAnswer(SignedPeerRecord peer, byte[] bytes) {
    if (bytes.length == 0) {
      // No handler for the protocol (a Codex node): it holds nothing and takes no correction.
      service.metrics().answer("no_protocol");
      return;
    }
    ValueRecord record = null;
    try {
      ValueResponse r = ValuesProtocol.response(bytes);
      if (r.hasGet() && !r.getGet().getRecord().isEmpty()) {
        record = ValueRecord.decode(r.getGet().getRecord().toByteArray());
      }
    } catch (InvalidRecordException e) {
      invalid(e.rejection());
      return;
    }
    if (record != null) {
      Optional<Rejection> bad =
          service.validators().check(key, record, service.scheduler().currentTimeMillis());
      if (bad.isPresent()) {
        invalid(bad.get());
        return;
      }
      records.add(record);
    }
    service.metrics().answer(record == null ? "empty" : "valid");
    peers.add(peer);
    answers.add(record);
  }

  private void invalid(Rejection rejection) {
    invalid++;
    service.metrics().answer("invalid");
    service.metrics().refused(rejection.reason());
  }

  private void finish() {
    if (records.isEmpty()) {
      complete(Optional.empty(), 0);
      return;
    }
    List<ValueRecord> kept = validator.consolidate(key, distinct(records));
    ValueRecord best = kept.get(validator.select(key, kept));
    int corrected = 0;
    if (!local.isEmpty() && !local.contains(best)) {
      // This node held an older record of the key: it corrects itself like any other holder.
      service
          .store()
          .put(key, best, service.scheduler().nowMillis(), service.scheduler().currentTimeMillis());
      corrected++;
    }
    byte[] put = ValuesProtocol.put(best);
    int bound = corrected + service.maxCorrections();
    for (int i = 0; i < peers.size() && corrected < bound; i++) {
      ValueRecord held = answers.get(i);
      if (held == null || Validator.NEWEST_LAST.compare(held, best) < 0 && !kept.contains(held)) {
        service.node().talkRequest(peers.get(i), ValuesProtocol.ID, put);
        service.metrics().correction();
        corrected++;
      }
    }
    complete(Optional.of(best), corrected);
  }

  private void complete(Optional<ValueRecord> best, int corrected) {
    service
        .metrics()
        .getTimer
        .record(RecordMetrics.nanos(service.scheduler().nanoTime() - startNanos));
    done.complete(new GetResult(best, peers.size(), invalid, corrected));
  }

  private static List<ValueRecord> distinct(List<ValueRecord> in) {
    List<ValueRecord> out = new ArrayList<>();
    for (ValueRecord r : in) {
      if (!out.contains(r)) {
        out.add(r);
      }
    }
    return out;
  }
}

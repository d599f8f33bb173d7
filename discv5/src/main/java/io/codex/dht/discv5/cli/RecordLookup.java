package io.codex.dht.discv5.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.records.GetResult;
import io.codex.dht.discv5.records.InvalidRecordException;
import io.codex.dht.discv5.records.RecordKey;
import io.codex.dht.discv5.records.ValueRecord;
import java.math.BigInteger;
import java.util.HexFormat;

/** {@code lookup --record KEY}: the key's check and the JSON of the record found. */
final class RecordLookup {
  private RecordLookup() {}

  /** Refuses a malformed key or one outside the built-in namespaces before joining. */
  static void check(String key) {
    try {
      RecordKey k = RecordKey.parse(key);
      if (!io.codex.dht.discv5.records.Validators.defaults().serves(k)) {
        throw new Main.UserException(
            "--record: no validator for namespace '"
                + k.namespace()
                + "' (known: "
                + io.codex.dht.discv5.records.Validators.defaults().namespaces()
                + ")");
      }
    } catch (InvalidRecordException e) {
      throw new Main.UserException("--record: " + e.getMessage());
    }
  }

  /** Writes the selected record into {@code out}; whether one was found. */
  static boolean get(Discv5Node node, String key, GetResult got, ObjectNode out) {
    out.put("key", key).put("dhtKey", keyHex(key)).put("answered", got.answered());
    out.put("invalidAnswers", got.invalid());
    if (got.record().isEmpty()) {
      return false;
    }
    ValueRecord r = got.record().get();
    ObjectNode o = out.putObject("record");
    o.put("key", r.key());
    o.put("publisher", r.publisher().toBase58());
    o.put("seq", new BigInteger(Long.toUnsignedString(r.seq())));
    o.put("payloadHex", HexFormat.of().formatHex(r.payload()));
    o.put(
        "expiresInSeconds",
        Math.max(0, (r.expiresAtMillis() - node.scheduler().currentTimeMillis()) / 1000));
    return true;
  }

  private static String keyHex(String key) {
    try {
      return RecordKey.parse(key).dhtKey().toHex();
    } catch (InvalidRecordException e) {
      return "";
    }
  }
}

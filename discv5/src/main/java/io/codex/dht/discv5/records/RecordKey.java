package io.codex.dht.discv5.records;

import io.codex.dht.spr.NodeId;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A record key {@code /<namespace>/<segment>[/<segment>...]}: UTF-8, at most {@link #MAX_BYTES}
 * bytes, non-empty segments without control characters. Its DHT location is keccak256 of its UTF-8
 * bytes.
 *
 * @param text the key
 * @param namespace the first segment
 * @param segments the segments after the namespace
 */
public record RecordKey(String text, String namespace, List<String> segments) {
  /** The longest key in UTF-8 bytes. */
  public static final int MAX_BYTES = 200;

  /** Copies the segments. */
  public RecordKey {
    segments = List.copyOf(segments);
  }

  /** Parses and checks a key. */
  public static RecordKey parse(String text) throws InvalidRecordException {
    if (text == null || text.isEmpty()) {
      throw new InvalidRecordException(Rejection.Reason.BAD_KEY, "empty key");
    }
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > MAX_BYTES) {
      throw new InvalidRecordException(
          Rejection.Reason.BAD_KEY, "key of " + utf8.length + " bytes, limit " + MAX_BYTES);
    }
    if (!new String(utf8, StandardCharsets.UTF_8).equals(text)) {
      throw new InvalidRecordException(Rejection.Reason.BAD_KEY, "key is not valid UTF-8");
    }
    if (text.charAt(0) != '/') {
      throw new InvalidRecordException(Rejection.Reason.BAD_KEY, "key must start with '/'");
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        throw new InvalidRecordException(Rejection.Reason.BAD_KEY, "control character in key");
      }
    }
    String body = text.endsWith("/") ? text.substring(1, text.length() - 1) : text.substring(1);
    String[] parts = body.split("/", -1);
    if (parts.length < 2) {
      throw new InvalidRecordException(
          Rejection.Reason.BAD_KEY, "key needs a namespace and an id: " + text);
    }
    for (String p : parts) {
      if (p.isEmpty()) {
        throw new InvalidRecordException(Rejection.Reason.BAD_KEY, "empty segment in " + text);
      }
    }
    return new RecordKey(text, parts[0], List.of(parts).subList(1, parts.length));
  }

  /** The key's location in the DHT: keccak256 of its UTF-8 bytes. */
  public NodeId dhtKey() {
    return NodeId.keccakOf(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return text;
  }
}

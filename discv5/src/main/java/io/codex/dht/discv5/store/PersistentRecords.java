package io.codex.dht.discv5.store;

import io.codex.dht.discv5.records.InvalidRecordException;
import io.codex.dht.discv5.records.RecordPersistence;
import io.codex.dht.discv5.records.ValueRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;

/**
 * Application records in the data dir's store: map {@code records} (key: UTF-8 record key, 0x00,
 * publisher peer id; value: the encoded record) for those kept for others, map {@code own-records}
 * (key: UTF-8 record key; value: the encoded record) for the node's own. Written through at each
 * change and group-committed like the rest of the store; a record that no longer decodes is dropped
 * at load and counted.
 */
public final class PersistentRecords implements RecordPersistence {
  static final String STORED = "records";
  static final String OWN = "own-records";

  private final MVMap<byte[], byte[]> stored;
  private final MVMap<byte[], byte[]> own;
  private final Disk disk;
  private int damaged;

  PersistentRecords(MVMap<byte[], byte[]> stored, MVMap<byte[], byte[]> own, Disk disk) {
    this.stored = stored;
    this.own = own;
    this.disk = disk;
  }

  @Override
  public List<ValueRecord> storedRecords() {
    return load(stored);
  }

  @Override
  public List<ValueRecord> ownRecords() {
    return load(own);
  }

  @Override
  public void stored(ValueRecord record) {
    disk.put(stored, storedKey(record), record.encoded());
  }

  @Override
  public void removed(ValueRecord record) {
    disk.remove(stored, storedKey(record));
  }

  @Override
  public void ownSaved(ValueRecord record) {
    disk.put(own, record.key().getBytes(StandardCharsets.UTF_8), record.encoded());
  }

  @Override
  public void ownDropped(String key) {
    disk.remove(own, key.getBytes(StandardCharsets.UTF_8));
  }

  /** Saved records that no longer decoded (dropped). */
  public int damaged() {
    return damaged;
  }

  private List<ValueRecord> load(MVMap<byte[], byte[]> map) {
    List<ValueRecord> out = new ArrayList<>();
    List<byte[]> bad = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : map.entrySet()) {
      try {
        out.add(ValueRecord.decode(e.getValue()));
      } catch (InvalidRecordException ex) {
        bad.add(e.getKey());
      }
    }
    damaged += bad.size();
    bad.forEach(k -> disk.remove(map, k));
    return out;
  }

  private static byte[] storedKey(ValueRecord r) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(r.key().getBytes(StandardCharsets.UTF_8));
    b.write(0);
    b.writeBytes(r.publisher().toBytes());
    return b.toByteArray();
  }
}

package io.codex.dht.discv5.records;

import java.util.List;

/**
 * A durable copy of a node's records (a data dir's): the records it keeps for others and its own,
 * written as they change and read once at start. Called on the node's thread.
 */
public interface RecordPersistence extends ValueStore.Listener {
  /** The records kept for others, as saved (each decoded; damaged ones are left out). */
  List<ValueRecord> storedRecords();

  /** The node's own records, as saved. */
  List<ValueRecord> ownRecords();

  /** The node's own record of its key is now {@code record}. */
  void ownSaved(ValueRecord record);

  /** The node stops republishing {@code key}. */
  void ownDropped(String key);
}

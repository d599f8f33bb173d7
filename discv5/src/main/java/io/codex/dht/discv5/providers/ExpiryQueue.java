package io.codex.dht.discv5.providers;

/**
 * Stored entries in order of expiry, as an intrusive doubly linked list: O(1) to append, unlink and
 * read the first.
 *
 * <p>Implementation notes: every entry expires a fixed TTL after its last add, and add times never
 * go backwards (the store clamps them), so the order of last add is the order of expiry. A refresh
 * moves the entry to the tail. This gives a priority queue without the O(log n) or the lazy
 * deletion a heap would need when expiries change.
 */
final class ExpiryQueue {
  private StoredProvider head;
  private StoredProvider tail;

  /** The entry that expires first, or null. */
  StoredProvider first() {
    return head;
  }

  /** Appends an entry that is not queued. */
  void addLast(StoredProvider e) {
    e.prev = tail;
    e.next = null;
    if (tail == null) {
      head = e;
    } else {
      tail.next = e;
    }
    tail = e;
  }

  /** Unlinks a queued entry. */
  void remove(StoredProvider e) {
    if (e.prev == null) {
      head = e.next;
    } else {
      e.prev.next = e.next;
    }
    if (e.next == null) {
      tail = e.prev;
    } else {
      e.next.prev = e.prev;
    }
    e.prev = null;
    e.next = null;
  }

  /** Moves a queued entry to the tail. */
  void moveToLast(StoredProvider e) {
    if (e != tail) {
      remove(e);
      addLast(e);
    }
  }
}

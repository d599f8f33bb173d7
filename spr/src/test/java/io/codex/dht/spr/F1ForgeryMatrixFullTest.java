package io.codex.dht.spr;

import org.junit.jupiter.api.Tag;

/** F1 at the counts of security.md: 10,000 forgeries per category (slow tier, {@code -Pslow}). */
@Tag("slow")
class F1ForgeryMatrixFullTest extends F1ForgeryMatrixTest {
  @Override
  int cases() {
    return 10_000;
  }
}

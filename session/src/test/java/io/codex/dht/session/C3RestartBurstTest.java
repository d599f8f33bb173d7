package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.codex.dht.session.TestNet.Endpoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The other side of C3: a network restarts and 40 honest newcomers, each on its own IP, contact a
 * bootstrap node in the same instant. With the default budget every one of them completes its first
 * PING (none waits out a refused handshake). Control: a budget whose burst is smaller than the
 * crowd refuses the rest, so the test sees the budget at work.
 */
class C3RestartBurstTest {
  private static final int NEWCOMERS = 40;

  private static int firstPingsAnswered(SessionConfig victimConfig) {
    SessionConfig open = SessionConfig.defaults().withoutRateLimits();
    TestNet net = new TestNet(17, open);
    Endpoint bootstrap = net.add(TestNet.publicAddress(1, 30303), victimConfig);
    List<Endpoint> newcomers = new ArrayList<>();
    for (int i = 0; i < NEWCOMERS; i++) {
      newcomers.add(net.add(TestNet.publicAddress(1000 + i, 9000), open));
    }
    newcomers.forEach(n -> n.ping(bootstrap)); // all in the same instant: no clock advance
    net.deliverAll();
    int answered = 0;
    for (Endpoint n : newcomers) {
      answered += n.messages(Message.Pong.class).size();
    }
    return answered;
  }

  @Test
  void fortyNewcomersAtOnceAllGetThroughTheDefaultBudget() {
    assertEquals(NEWCOMERS, firstPingsAnswered(SessionConfig.defaults()));
  }

  @Test
  void controlABurstSmallerThanTheCrowdRefusesTheRest() {
    // 20 per second: a burst of 20 (the default's old sizing, a tenth of 200/s, gave the same).
    assertEquals(20, firstPingsAnswered(SessionConfig.defaults().withHandshakeBudget(20, 10)));
  }
}

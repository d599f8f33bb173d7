package io.codex.dht.simulator.scenario;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the attack scenarios (eclipse, provider-spam); {@link #defaults()} gives
 * security.md's sizes for E4 and G2 at PR size (E4 itself also means {@code --nodes 1000}).
 *
 * @param eclipseSubnets the attacker sizes S to try, in /24 subnets of 50 IPs each (1, 4 and 16)
 * @param eclipseDuration how long the attack runs before the victim's table is measured (30 min)
 * @param sybilsPerNode the eclipse attacker's pool of ground ids, per honest node (8: many more
 *     sybils than honest nodes, standing in for "unlimited ground ids")
 * @param spamMessages ADD_PROVIDER messages in the flood (100,000)
 * @param spamSenders sybil node ids sending them (1,000)
 * @param spamSubnets /24 subnets the senders are spread over (10)
 * @param spamPerSecond the flood's pace in messages per second over all senders (50,000: 50 per
 *     sender per second, above the store's per-sender rate)
 * @param spamMaxRecords the defended store's record cap (the node default, 100,000)
 */
public record AttackConfig(
    List<Integer> eclipseSubnets,
    Duration eclipseDuration,
    int sybilsPerNode,
    int spamMessages,
    int spamSenders,
    int spamSubnets,
    double spamPerSecond,
    int spamMaxRecords) {

  /** Copies the list and checks the values. */
  public AttackConfig {
    eclipseSubnets = List.copyOf(eclipseSubnets);
    if (eclipseSubnets.isEmpty() || eclipseSubnets.stream().anyMatch(s -> s < 1 || s > 64)) {
      throw new IllegalArgumentException("attacker subnets are 1 to 64: " + eclipseSubnets);
    }
    if (eclipseDuration.isNegative() || sybilsPerNode < 1) {
      throw new IllegalArgumentException("bad eclipse duration or sybil pool");
    }
    if (spamMessages < 0 || spamSenders < 1 || spamSubnets < 1 || !(spamPerSecond > 0)) {
      throw new IllegalArgumentException("bad provider-spam sizes");
    }
    if (spamSenders > spamSubnets * 254 || spamMaxRecords < 1) {
      throw new IllegalArgumentException("at most 254 senders per /24, and a positive cap");
    }
  }

  /** S = 1, 4, 16 for 30 min, 8 sybils per honest node; 100,000 ADD_PROVIDER at 50,000/s. */
  public static AttackConfig defaults() {
    return new AttackConfig(
        List.of(1, 4, 16), Duration.ofMinutes(30), 8, 100_000, 1_000, 10, 50_000, 100_000);
  }

  /** A copy with other eclipse settings. */
  public AttackConfig withEclipse(List<Integer> subnets, Duration duration, int sybils) {
    return new AttackConfig(
        subnets,
        duration,
        sybils,
        spamMessages,
        spamSenders,
        spamSubnets,
        spamPerSecond,
        spamMaxRecords);
  }

  /** A copy with other provider-spam settings. */
  public AttackConfig withSpam(
      int messages, int senders, int subnets, double perSecond, int maxRecords) {
    return new AttackConfig(
        eclipseSubnets,
        eclipseDuration,
        sybilsPerNode,
        messages,
        senders,
        subnets,
        perSecond,
        maxRecords);
  }
}

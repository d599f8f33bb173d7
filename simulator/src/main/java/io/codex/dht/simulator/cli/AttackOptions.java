package io.codex.dht.simulator.cli;

import io.codex.dht.simulator.scenario.AttackConfig;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of the attack scenarios ({@code eclipse} and {@code provider-spam}). */
final class AttackOptions {
  @Option(
      names = "--attack-subnets",
      paramLabel = "S",
      split = ",",
      description = "Eclipse: attacker sizes in /24s of 50 IPs each (default: 1,4,16).")
  List<Integer> attackSubnets = List.of(1, 4, 16);

  @Option(
      names = "--attack-duration",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Eclipse: how long the attack runs before measuring (default: 30m).")
  Duration attackDuration = Duration.ofMinutes(30);

  @Option(
      names = "--sybils-per-node",
      paramLabel = "N",
      description = "Eclipse: the attacker's ground ids per honest node (default: 8).")
  int sybilsPerNode = 8;

  @Option(
      names = "--spam-messages",
      paramLabel = "N",
      description = "Provider-spam: ADD_PROVIDER messages in the flood (default: 100000).")
  int spamMessages = 100_000;

  @Option(
      names = "--spam-senders",
      paramLabel = "N",
      description = "Provider-spam: sybil node ids, spread over --spam-subnets (default: 1000).")
  int spamSenders = 1_000;

  @Option(
      names = "--spam-subnets",
      paramLabel = "N",
      description = "Provider-spam: /24 subnets of the senders (default: 10).")
  int spamSubnets = 10;

  @Option(
      names = "--spam-rate",
      paramLabel = "MSGS_PER_S",
      description = "Provider-spam: the flood's pace over all senders (default: 50000).")
  double spamRate = 50_000;

  @Option(
      names = "--spam-cap",
      paramLabel = "RECORDS",
      description = "Provider-spam: the defended store's record cap (default: 100000).")
  int spamCap = 100_000;

  /** The attack settings these options describe. */
  AttackConfig config() {
    return new AttackConfig(
        attackSubnets,
        attackDuration,
        sybilsPerNode,
        spamMessages,
        spamSenders,
        spamSubnets,
        spamRate,
        spamCap);
  }
}

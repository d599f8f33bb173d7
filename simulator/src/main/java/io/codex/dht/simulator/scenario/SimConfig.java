package io.codex.dht.simulator.scenario;

import io.codex.dht.discv5.RecordFormatOption;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of one simulation run; {@link #defaults()} gives the command line's defaults.
 *
 * @param nodes nodes in the network
 * @param transport in-memory (virtual time, deterministic) or loopback UDP (real time)
 * @param seed the seed every random choice of the run derives from
 * @param scenarios the measurements to run after joining
 * @param loss the packet loss rate of the whole run (0 to 1)
 * @param lossScenarioRates the loss rates of the loss scenario, one measurement each, in order (a
 *     rate below the run's own counts as the run's rate)
 * @param latency the one-way base latency of a packet (memory mode and UDP mode)
 * @param jitter the extra random delay, uniform in [0, jitter], per packet
 * @param churnPerMinute the share of nodes (in percent) that leave, and as many that join, per
 *     minute in the churn scenario
 * @param churnDuration how long the churn scenario lasts
 * @param joinRate nodes started per second while the network forms
 * @param settle how long the network runs after the last node started, before measurements
 * @param lookups lookups per lookup measurement (lookup, loss and churn scenarios)
 * @param cids content ids announced and looked up in the providers scenario
 * @param services services advertised in the services scenario
 * @param advertisers nodes advertising each service
 * @param opsPerSecond the pace at which measured operations are started
 * @param opTimeout how long a measured operation may take before it counts as failed
 * @param attacks the settings of the attack scenarios (eclipse, provider-spam)
 * @param cryptoThreads memory mode: threads that compute secp256k1 work ahead for the event loop
 *     (0: none); they change how fast a run goes, never its results
 * @param legacyShare the share of nodes that behave as deployed Codex nodes (nim-codex-dht v0.5)
 * @param recordFormat the record format of our nodes
 */
public record SimConfig(
    int nodes,
    Transport transport,
    long seed,
    Set<Scenario> scenarios,
    double loss,
    List<Double> lossScenarioRates,
    Duration latency,
    Duration jitter,
    double churnPerMinute,
    Duration churnDuration,
    double joinRate,
    Duration settle,
    int lookups,
    int cids,
    int services,
    int advertisers,
    double opsPerSecond,
    Duration opTimeout,
    AttackConfig attacks,
    int cryptoThreads,
    double legacyShare,
    RecordFormatOption recordFormat) {

  /** How packets travel. */
  public enum Transport {
    /** The in-memory network on virtual time. */
    MEMORY,
    /** Real UDP sockets on 127.0.0.1. */
    UDP
  }

  /** Copies the scenario set and checks the values. */
  public SimConfig {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(attacks, "attacks");
    // An enum set iterates in declaration order, so reports list scenarios in a fixed order.
    EnumSet<Scenario> copy = EnumSet.noneOf(Scenario.class);
    copy.addAll(scenarios);
    scenarios = Collections.unmodifiableSet(copy);
    if (nodes < 2) {
      throw new IllegalArgumentException("at least 2 nodes: " + nodes);
    }
    rate(loss, "loss");
    rate(legacyShare, "legacyShare");
    Objects.requireNonNull(recordFormat, "recordFormat");
    lossScenarioRates = List.copyOf(lossScenarioRates);
    if (lossScenarioRates.isEmpty()) {
      throw new IllegalArgumentException("the loss scenario needs at least one rate");
    }
    for (double r : lossScenarioRates) {
      rate(r, "a loss scenario rate");
    }
    if (latency.isNegative() || jitter.isNegative()) {
      throw new IllegalArgumentException("latency and jitter must not be negative");
    }
    if (churnPerMinute < 0 || churnPerMinute > 100) {
      throw new IllegalArgumentException("churn is 0 to 100 percent per minute: " + churnPerMinute);
    }
    if (!(joinRate > 0) || !(opsPerSecond > 0)) {
      throw new IllegalArgumentException("joinRate and opsPerSecond must be positive");
    }
    if (lookups < 0 || cids < 0 || services < 0 || advertisers < 1) {
      throw new IllegalArgumentException("negative counts, or no advertisers");
    }
    if (cryptoThreads < 0) {
      throw new IllegalArgumentException("cryptoThreads must not be negative: " + cryptoThreads);
    }
    if (churnDuration.isNegative()
        || settle.isNegative()
        || opTimeout.isNegative()
        || opTimeout.isZero()) {
      throw new IllegalArgumentException("bad durations");
    }
  }

  /**
   * 200 nodes in memory, seed 1, every scenario, no loss (10 % in the loss scenario), 20 ms + up to
   * 10 ms latency, 10 % churn per minute for a minute, 100 joins per second, 30 s of settling,
   * 1,000 lookups, 100 CIDs, 5 services with 10 advertisers each, 50 operations per second, 60 s
   * timeout, {@link AttackConfig#defaults()}, one crypto thread per core but one.
   */
  public static SimConfig defaults() {
    return new SimConfig(
        200,
        Transport.MEMORY,
        1,
        Scenario.all(),
        0,
        List.of(0.10),
        Duration.ofMillis(20),
        Duration.ofMillis(10),
        10,
        Duration.ofMinutes(1),
        100,
        Duration.ofSeconds(30),
        1000,
        100,
        5,
        10,
        50,
        Duration.ofSeconds(60),
        AttackConfig.defaults(),
        Math.max(0, Runtime.getRuntime().availableProcessors() - 1),
        0,
        RecordFormatOption.AUTO);
  }

  /** Whether {@code scenario} is part of the run. */
  public boolean runs(Scenario scenario) {
    return scenarios.contains(scenario);
  }

  /** A copy with another node count. */
  public SimConfig withNodes(int value) {
    return new Builder(this).nodes(value).build();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  private static void rate(double value, String name) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " is a rate between 0 and 1: " + value);
    }
  }

  /** Changes some settings of a configuration. */
  public static final class Builder {
    private int nodes;
    private Transport transport;
    private long seed;
    private Set<Scenario> scenarios;
    private double loss;
    private List<Double> lossScenarioRates;
    private Duration latency;
    private Duration jitter;
    private double churnPerMinute;
    private Duration churnDuration;
    private double joinRate;
    private Duration settle;
    private int lookups;
    private int cids;
    private int services;
    private int advertisers;
    private double opsPerSecond;
    private Duration opTimeout;
    private AttackConfig attacks;
    private int cryptoThreads;
    private double legacyShare;
    private RecordFormatOption recordFormat;

    private Builder(SimConfig c) {
      nodes = c.nodes;
      transport = c.transport;
      seed = c.seed;
      scenarios = c.scenarios;
      loss = c.loss;
      lossScenarioRates = c.lossScenarioRates;
      latency = c.latency;
      jitter = c.jitter;
      churnPerMinute = c.churnPerMinute;
      churnDuration = c.churnDuration;
      joinRate = c.joinRate;
      settle = c.settle;
      lookups = c.lookups;
      cids = c.cids;
      services = c.services;
      advertisers = c.advertisers;
      opsPerSecond = c.opsPerSecond;
      opTimeout = c.opTimeout;
      attacks = c.attacks;
      cryptoThreads = c.cryptoThreads;
      legacyShare = c.legacyShare;
      recordFormat = c.recordFormat;
    }

    /** Nodes in the network. */
    public Builder nodes(int value) {
      nodes = value;
      return this;
    }

    /** The transport. */
    public Builder transport(Transport value) {
      transport = value;
      return this;
    }

    /** The seed. */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** The scenarios. */
    public Builder scenarios(Set<Scenario> value) {
      scenarios = value;
      return this;
    }

    /** The loss rate of the whole run. */
    public Builder loss(double value) {
      loss = value;
      return this;
    }

    /** The loss rates of the loss scenario. */
    public Builder lossScenarioRates(List<Double> value) {
      lossScenarioRates = value;
      return this;
    }

    /** The base latency and the jitter. */
    public Builder latency(Duration base, Duration extra) {
      latency = base;
      jitter = extra;
      return this;
    }

    /** The churn rate in percent of the nodes per minute. */
    public Builder churnPerMinute(double value) {
      churnPerMinute = value;
      return this;
    }

    /** How long the churn scenario lasts. */
    public Builder churnDuration(Duration value) {
      churnDuration = value;
      return this;
    }

    /** Nodes started per second while the network forms. */
    public Builder joinRate(double value) {
      joinRate = value;
      return this;
    }

    /** How long the network runs after the last start. */
    public Builder settle(Duration value) {
      settle = value;
      return this;
    }

    /** Lookups per lookup measurement. */
    public Builder lookups(int value) {
      lookups = value;
      return this;
    }

    /** Content ids in the providers scenario. */
    public Builder cids(int value) {
      cids = value;
      return this;
    }

    /** Services and advertisers per service in the services scenario. */
    public Builder services(int count, int advertisersEach) {
      services = count;
      advertisers = advertisersEach;
      return this;
    }

    /** The pace of measured operations. */
    public Builder opsPerSecond(double value) {
      opsPerSecond = value;
      return this;
    }

    /** The time after which a measured operation counts as failed. */
    public Builder opTimeout(Duration value) {
      opTimeout = value;
      return this;
    }

    /** The settings of the attack scenarios. */
    public Builder attacks(AttackConfig value) {
      attacks = value;
      return this;
    }

    /** Threads computing secp256k1 work ahead in memory mode (0: none). */
    public Builder cryptoThreads(int value) {
      cryptoThreads = value;
      return this;
    }

    /**
     * The share of nodes that behave as deployed Codex nodes (v0.5: PeerRecords only, a whole
     * message dropped for one record they cannot read); 0 by default.
     */
    public Builder legacyShare(double value) {
      legacyShare = value;
      return this;
    }

    /** The record format of our nodes (default {@link RecordFormatOption#AUTO}). */
    public Builder recordFormat(RecordFormatOption value) {
      recordFormat = value;
      return this;
    }

    /** The configuration. */
    public SimConfig build() {
      return new SimConfig(
          nodes,
          transport,
          seed,
          scenarios,
          loss,
          lossScenarioRates,
          latency,
          jitter,
          churnPerMinute,
          churnDuration,
          joinRate,
          settle,
          lookups,
          cids,
          services,
          advertisers,
          opsPerSecond,
          opTimeout,
          attacks,
          cryptoThreads,
          legacyShare,
          recordFormat);
    }
  }
}

package io.codex.dht.discv5;

import io.codex.dht.discv5.providers.ProviderStoreConfig;
import io.codex.dht.discv5.records.RecordsConfig;
import io.codex.dht.routing.LookupConfig;
import io.codex.dht.routing.TableConfig;
import io.codex.dht.session.CodexProfile;
import io.codex.dht.session.SessionConfig;
import io.codex.dht.session.WireProfile;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.RecordFormat;
import io.codex.dht.spr.ServiceInfo;
import io.codex.dht.spr.SignedPeerRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Function;

/**
 * Everything a {@link Discv5Node} is built from: identity, addresses, bootstrap records, services,
 * timers, limits and the metrics registry. Build one with {@link #builder(PrivateKey)}.
 *
 * @param privateKey the node's secp256k1 key
 * @param bindAddresses the UDP sockets to open (one IPv4 and/or one IPv6; default {@code
 *     0.0.0.0:8090})
 * @param announceAddresses the addresses put in the node's record; when set they are pinned and
 *     never replaced by what other nodes observe
 * @param bootstrapRecords records of the nodes to join through
 * @param services the services to advertise in the record (Logos format only)
 * @param recordFormat which record the node publishes ({@link RecordFormatOption#AUTO} by default:
 *     a Logos Routing Record only while it advertises services); peers not known to read Logos
 *     records always get the plain PeerRecord
 * @param clientMode whether to run as a client: others do not add a client to their tables
 * @param autoUpdateAddress whether to adopt the external address other nodes observe when no
 *     address is pinned
 * @param responseTimeout how long a request waits for each response message (1 s)
 * @param revalidationMin the shortest pause between revalidation pings (5 s)
 * @param revalidationMax the longest pause between revalidation pings (10 s)
 * @param refreshInterval a random lookup runs when no lookup ran for this long (5 min)
 * @param table routing-table limits (k, replacement cache, IP diversity)
 * @param lookup lookup parameters (alpha, result size, per-peer timeout, stall rule)
 * @param rtt round-trip estimation (floor, ceiling, peers kept) and the grace given to the rest of
 *     a multi-message answer
 * @param session session-layer limits and timeouts
 * @param providers provider store limits
 * @param allowThirdPartyProviders whether ADD_PROVIDER may carry another peer's record
 * @param providerRepublish how often announced content and services are announced again (30 min)
 * @param maxQueuedDatagrams datagrams waiting for the node thread before new ones are dropped
 * @param meterRegistry where metrics go
 * @param random randomness for ids, nonces and keys ({@code SecureRandom} unless testing)
 * @param verifiedRecords a memo of verified records shared with other nodes of the process (a
 *     simulation's); by default none, and every record received is verified
 * @param wireProfile the wire format ({@link CodexProfile} unless a simulation wraps it)
 * @param seenSeqs the highest seq seen per peer, kept across restarts (a data dir's); a record
 *     relayed by a third party with a lower seq is refused. By default nothing is kept.
 * @param records application records: namespaces, store limits, republish (see docs/records.md)
 */
public record NodeConfig(
    PrivateKey privateKey,
    List<InetSocketAddress> bindAddresses,
    List<Multiaddr> announceAddresses,
    List<SignedPeerRecord> bootstrapRecords,
    List<ServiceInfo> services,
    RecordFormatOption recordFormat,
    boolean clientMode,
    boolean autoUpdateAddress,
    Duration responseTimeout,
    Duration revalidationMin,
    Duration revalidationMax,
    Duration refreshInterval,
    TableConfig table,
    LookupConfig lookup,
    RttConfig rtt,
    SessionConfig session,
    ProviderStoreConfig providers,
    boolean allowThirdPartyProviders,
    Duration providerRepublish,
    int maxQueuedDatagrams,
    MeterRegistry meterRegistry,
    Random random,
    VerifiedRecords verifiedRecords,
    WireProfile<SignedPeerRecord> wireProfile,
    Function<NodeId, OptionalLong> seenSeqs,
    RecordsConfig records) {

  /** The Codex default discovery port. */
  public static final int DEFAULT_PORT = 8090;

  /** Copies the lists and checks the values. */
  public NodeConfig {
    Objects.requireNonNull(privateKey, "privateKey");
    bindAddresses = List.copyOf(bindAddresses);
    announceAddresses = List.copyOf(announceAddresses);
    bootstrapRecords = List.copyOf(bootstrapRecords);
    services = List.copyOf(services);
    Objects.requireNonNull(recordFormat, "recordFormat");
    if (bindAddresses.isEmpty() || bindAddresses.size() > 2) {
      throw new IllegalArgumentException("bind one IPv4 and/or one IPv6 address");
    }
    if (recordFormat == RecordFormatOption.PEER_RECORD && !services.isEmpty()) {
      throw new IllegalArgumentException("the peer-record format carries no services");
    }
    if (revalidationMax.compareTo(revalidationMin) < 0) {
      throw new IllegalArgumentException("revalidationMax < revalidationMin");
    }
    Objects.requireNonNull(rtt, "rtt");
    Objects.requireNonNull(meterRegistry, "meterRegistry");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(verifiedRecords, "verifiedRecords");
    Objects.requireNonNull(wireProfile, "wireProfile");
    Objects.requireNonNull(seenSeqs, "seenSeqs");
    Objects.requireNonNull(records, "records");
  }

  /** A builder with the Codex defaults for {@code key}. */
  public static Builder builder(PrivateKey key) {
    return new Builder(key);
  }

  /** Builds a {@link NodeConfig}; every setter has a sensible default. */
  public static final class Builder {
    private final PrivateKey key;
    private List<InetSocketAddress> bind = List.of(new InetSocketAddress(DEFAULT_PORT));
    private final List<Multiaddr> announce = new ArrayList<>();
    private final List<SignedPeerRecord> bootstrap = new ArrayList<>();
    private final List<ServiceInfo> services = new ArrayList<>();
    private RecordFormatOption format = RecordFormatOption.AUTO;
    private boolean clientMode;
    private boolean autoUpdate = true;
    private Duration responseTimeout = Duration.ofSeconds(1);
    private Duration revalidationMin = Duration.ofSeconds(5);
    private Duration revalidationMax = Duration.ofSeconds(10);
    private Duration refresh = Duration.ofMinutes(5);
    private TableConfig table = TableConfig.DEFAULT;
    private LookupConfig lookup = LookupConfig.DEFAULT;
    private RttConfig rtt = RttConfig.DEFAULT;
    private SessionConfig session = SessionConfig.defaults();
    private ProviderStoreConfig providers = ProviderStoreConfig.defaults();
    private boolean thirdParty;
    private Duration republish = Duration.ofMinutes(30);
    private int maxQueued = 16_384;
    private MeterRegistry registry;
    private Random random;
    private VerifiedRecords verifiedRecords;
    private WireProfile<SignedPeerRecord> wireProfile = CodexProfile.INSTANCE;
    private Function<NodeId, OptionalLong> seenSeqs = id -> OptionalLong.empty();
    private RecordsConfig records = RecordsConfig.defaults();

    private Builder(PrivateKey key) {
      this.key = Objects.requireNonNull(key, "key");
    }

    /** The sockets to bind (default {@code 0.0.0.0:8090}). */
    public Builder bind(InetSocketAddress... addresses) {
      this.bind = List.of(addresses);
      return this;
    }

    /** Pins an address to announce in the record (repeatable). */
    public Builder announce(Multiaddr address) {
      announce.add(Objects.requireNonNull(address));
      return this;
    }

    /** Adds a bootstrap record (repeatable). */
    public Builder bootstrap(SignedPeerRecord record) {
      bootstrap.add(Objects.requireNonNull(record));
      return this;
    }

    /** Adds bootstrap records. */
    public Builder bootstrap(List<SignedPeerRecord> records) {
      records.forEach(this::bootstrap);
      return this;
    }

    /** Adds a service to advertise (repeatable). */
    public Builder service(ServiceInfo service) {
      services.add(Objects.requireNonNull(service));
      return this;
    }

    /** Which record to publish (default {@link RecordFormatOption#AUTO}). */
    public Builder recordFormat(RecordFormatOption value) {
      this.format = Objects.requireNonNull(value);
      return this;
    }

    /** Publishes records of one fixed format. */
    public Builder recordFormat(RecordFormat value) {
      return recordFormat(RecordFormatOption.of(value));
    }

    /** Runs as a client (default off). */
    public Builder clientMode(boolean value) {
      this.clientMode = value;
      return this;
    }

    /** Adopts the externally observed address when none is pinned (default on). */
    public Builder autoUpdateAddress(boolean value) {
      this.autoUpdate = value;
      return this;
    }

    /** The per-message response timeout (default 1 s). */
    public Builder responseTimeout(Duration value) {
      this.responseTimeout = value;
      return this;
    }

    /** The revalidation pause range (default 5-10 s). */
    public Builder revalidation(Duration min, Duration max) {
      this.revalidationMin = min;
      this.revalidationMax = max;
      return this;
    }

    /** The idle time after which a random lookup refreshes the table (default 5 min). */
    public Builder refreshInterval(Duration value) {
      this.refresh = value;
      return this;
    }

    /** Routing-table limits. */
    public Builder table(TableConfig value) {
      this.table = value;
      return this;
    }

    /** Lookup parameters. */
    public Builder lookup(LookupConfig value) {
      this.lookup = value;
      return this;
    }

    /** Round-trip estimation and the multi-message grace. */
    public Builder rtt(RttConfig value) {
      this.rtt = value;
      return this;
    }

    /** Session-layer limits. */
    public Builder session(SessionConfig value) {
      this.session = value;
      return this;
    }

    /** Provider store limits. */
    public Builder providers(ProviderStoreConfig value) {
      this.providers = value;
      return this;
    }

    /** Accepts ADD_PROVIDER carrying another peer's record (default off; Codex accepts them). */
    public Builder allowThirdPartyProviders(boolean value) {
      this.thirdParty = value;
      return this;
    }

    /** How often announcements are repeated (default 30 min). */
    public Builder providerRepublish(Duration value) {
      this.republish = value;
      return this;
    }

    /** Datagrams queued for the node thread before new ones are dropped (default 16384). */
    public Builder maxQueuedDatagrams(int value) {
      this.maxQueued = value;
      return this;
    }

    /** The metrics registry (default a fresh {@link SimpleMeterRegistry}). */
    public Builder meterRegistry(MeterRegistry value) {
      this.registry = value;
      return this;
    }

    /** The random source (default {@link SecureRandom}). */
    public Builder random(Random value) {
      this.random = value;
      return this;
    }

    /** A memo of verified records shared with other nodes (default none). */
    public Builder verifiedRecords(VerifiedRecords value) {
      this.verifiedRecords = value;
      return this;
    }

    /**
     * The wire format (default {@link CodexProfile}); a simulation wraps it to share work between
     * nodes, and must keep every result the same.
     */
    public Builder wireProfile(WireProfile<SignedPeerRecord> value) {
      this.wireProfile = Objects.requireNonNull(value, "wireProfile");
      return this;
    }

    /**
     * The highest seq seen per peer, kept across restarts and read on the node's thread (default
     * nothing); third-party records with a lower seq are refused, so a restart does not reopen the
     * door to replayed records.
     */
    public Builder seenSeqs(Function<NodeId, OptionalLong> value) {
      this.seenSeqs = Objects.requireNonNull(value, "seenSeqs");
      return this;
    }

    /** Application records: namespaces, store limits, republish (default the built-ins). */
    public Builder records(RecordsConfig value) {
      this.records = Objects.requireNonNull(value, "records");
      return this;
    }

    /** The configuration. */
    public NodeConfig build() {
      return new NodeConfig(
          key,
          bind,
          announce,
          bootstrap,
          services,
          format,
          clientMode,
          autoUpdate,
          responseTimeout,
          revalidationMin,
          revalidationMax,
          refresh,
          table,
          lookup,
          rtt,
          session,
          providers,
          thirdParty,
          republish,
          maxQueued,
          registry == null ? new SimpleMeterRegistry() : registry,
          random == null ? new SecureRandom() : random,
          verifiedRecords == null ? new VerifiedRecords(0) : verifiedRecords,
          wireProfile,
          seenSeqs,
          records);
    }
  }
}

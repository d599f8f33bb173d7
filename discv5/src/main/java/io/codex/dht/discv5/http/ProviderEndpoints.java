package io.codex.dht.discv5.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codex.dht.discv5.AnnounceResult;
import io.codex.dht.discv5.LookupResult;
import io.codex.dht.discv5.providers.Cid;
import io.codex.dht.spr.SignedPeerRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Content routing: {@code POST}, {@code DELETE} and {@code GET /api/v1/providers/{cid}}.
 *
 * <p>A 200 (or 202) to {@code POST} is the acknowledgment: the CID is in the data dir by then and
 * is announced again after any restart; with 200, the first announcement is done and any provider
 * record it stored on this node is durable too.
 */
final class ProviderEndpoints {
  /** Providers returned by default. */
  static final int DEFAULT_PROVIDERS = 20;

  /** Providers returned at most. */
  static final int MAX_PROVIDERS = 200;

  private static final String PATH = "/api/v1/providers/{cid}";

  private final Backend backend;
  private final Duration timeout;

  ProviderEndpoints(Backend backend, Duration timeout) {
    this.backend = backend;
    this.timeout = timeout;
  }

  void register(Router router) {
    router
        .add("POST", PATH, true, this::announce)
        .add("DELETE", PATH, true, this::withdraw)
        .add("GET", PATH, true, this::find);
  }

  private static Cid cid(ApiRequest r) {
    return Params.cid(ApiRequest.decode(r.path("cid"), false));
  }

  private static ObjectNode base(Cid cid) {
    return Json.MAPPER
        .createObjectNode()
        .put("cid", cid.toString())
        .put("key", cid.dhtKey().toHex());
  }

  private Router.Action announce(ApiRequest r) {
    r.allowQuery(Set.of());
    Cid cid = cid(r);
    return () -> {
      Optional<AnnounceResult> done =
          Await.within(backend.announce(cid), timeout, "announcing " + cid);
      ObjectNode o =
          base(cid).put("announcing", true).put("firstAnnouncementDone", done.isPresent());
      done.ifPresent(a -> o.put("sentTo", a.sentTo()).put("storedLocally", a.storedLocally()));
      return ApiResponse.json(done.isPresent() ? 200 : 202, o);
    };
  }

  private Router.Action withdraw(ApiRequest r) {
    r.allowQuery(Set.of());
    Cid cid = cid(r);
    return () -> {
      boolean was = Await.result(backend.withdraw(cid), timeout, "withdrawing " + cid);
      return ApiResponse.json(200, base(cid).put("withdrawn", was));
    };
  }

  private Router.Action find(ApiRequest r) {
    r.allowQuery(Set.of("max", "trace"));
    Cid cid = cid(r);
    int max = Params.max(r, "max", DEFAULT_PROVIDERS, MAX_PROVIDERS);
    boolean trace = Params.flag(r, "trace");
    return () -> {
      LookupResult traced =
          trace
              ? Await.result(backend.lookupTraced(cid.dhtKey()), timeout, "tracing a lookup")
              : null;
      List<SignedPeerRecord> found =
          Await.result(backend.providers(cid, max), timeout, "finding providers of " + cid);
      ObjectNode o = base(cid);
      o.set("providers", Json.records(found));
      Json.addTrace(o, traced);
      return ApiResponse.json(200, o);
    };
  }
}

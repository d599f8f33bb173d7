package io.codex.dht.discv5.http;

import io.codex.dht.discv5.RequestException;
import io.codex.dht.discv5.store.StoreException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, on an HTTP handler thread, for a node call to finish, and turns its failures into API
 * errors; the details of an unexpected failure go to the log, never into the response.
 */
final class Await {
  private static final Logger LOG = LoggerFactory.getLogger(Await.class);

  private Await() {}

  /** The result of {@code f}, waiting at most {@code timeout}; 504 when it takes longer. */
  static <T> T result(CompletableFuture<T> f, Duration timeout, String what) {
    return within(f, timeout, what)
        .orElseThrow(
            () ->
                new ApiException(
                    504,
                    "timeout",
                    what + " did not finish within " + timeout.toSeconds() + " s; try again"));
  }

  /** The result of {@code f} if it finishes within {@code timeout}, else empty. */
  static <T> Optional<T> within(CompletableFuture<T> f, Duration timeout, String what) {
    try {
      return Optional.of(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "shutting_down", "the node is shutting down");
    } catch (ExecutionException e) {
      throw translate(e.getCause() == null ? e : e.getCause(), what);
    }
  }

  /** The API error for a failed node call. */
  static ApiException translate(Throwable t, String what) {
    if (t instanceof ApiException a) {
      return a;
    }
    if (t instanceof IllegalArgumentException) {
      return ApiException.badRequest("bad_request", t.getMessage());
    }
    if (t instanceof StoreException s) {
      LOG.warn("{}: the data dir store failed: {}", what, s.getMessage());
      return s.reason() == StoreException.Reason.FULL
          ? new ApiException(507, "store_full", s.getMessage())
          : new ApiException(
              500, "storage_failed", what + " could not be stored: " + s.getMessage());
    }
    if (t instanceof RequestException r && r.kind() == RequestException.Kind.STOPPED) {
      return new ApiException(503, "shutting_down", "the node is shutting down");
    }
    LOG.warn("{} failed", what, t);
    return new ApiException(500, "internal", what + " failed; the node's log has the details");
  }
}

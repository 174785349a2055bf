package io.weft.auth;

import io.weft.user.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.weft.store.AccessTokenStore;
import io.weft.store.AccessTokenStore.StoredAccessToken;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-document access tokens (Webstrates' {@code ?token=}): a logged-in user mints one for a document,
 * and whoever holds it acts as that user there, over HTTP and WebSockets, until it expires or the
 * document's permission list changes. Only a hash of each token is stored. A removed token ends at
 * once: every process is told (on {@link #ENDED_ADDRESS}) so it can close the sockets opened with it.
 */
public final class AccessTokens {
  private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);
  private static final long SWEEP_MILLIS = 10 * 60 * 1000;
  /** Tokens are base64url of 256 bits: anything much longer is not one. */
  private static final int MAX_TOKEN_LENGTH = 128;
  /** Event-bus address of removed tokens; the body is the token's public id. */
  public static final String ENDED_ADDRESS = "weft.tokens.ended";
  /** Names the process that removed the token: it has told its own listeners already. */
  private static final String ORIGIN_HEADER = "origin";

  private final Vertx vertx;
  private final AccessTokenStore store;
  /** Tells this process's removals apart from other processes' on {@link #ENDED_ADDRESS}. */
  private final String origin = Secrets.random(72);
  private final List<Consumer<String>> endListeners = new CopyOnWriteArrayList<>();

  private AccessTokens(Vertx vertx, AccessTokenStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  public static AccessTokens start(Vertx vertx, AccessTokenStore store) {
    AccessTokens tokens = new AccessTokens(vertx, store);
    vertx.setPeriodic(SWEEP_MILLIS, id -> tokens.sweep());
    vertx.eventBus().<String>consumer(ENDED_ADDRESS, message -> {
      if (!tokens.origin.equals(message.headers().get(ORIGIN_HEADER))) {
        tokens.endListeners.forEach(l -> l.accept(message.body()));
      }
    });
    return tokens;
  }

  /** {@code listener} gets the public id of every token removed, in this process or another. */
  public void onEnded(Consumer<String> listener) {
    endListeners.add(listener);
  }

  /** A new token and what it stands for; the token itself is shown once and never stored. */
  public record Minted(String token, AccessToken details) {
  }

  /** Mints a token acting as {@code user} on {@code docId} while its permission list has {@code fingerprint}. */
  public Future<Minted> mint(User user, String docId, String fingerprint, int seconds) {
    String token = Secrets.random(256);
    String id = Secrets.random(72);
    long now = System.currentTimeMillis();
    long expires = now + seconds * 1000L;
    StoredAccessToken stored = new StoredAccessToken(Secrets.hash(token), id, docId, user, fingerprint, now, expires);
    return store.insert(stored).map(inserted -> {
      if (!inserted) {
        throw new IllegalStateException("access token taken");
      }
      return new Minted(token, decode(stored));
    });
  }

  /** The live token {@code token} for {@code docId}, or null (unknown, expired, or for another document). */
  public Future<AccessToken> resolve(String token, String docId) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || docId == null) {
      return Future.succeededFuture(null);
    }
    return store.findLive(Secrets.hash(token), docId, System.currentTimeMillis())
        .map(stored -> stored == null ? null : decode(stored));
  }

  /** The unexpired tokens of a document whose permission list has {@code fingerprint}. */
  public Future<List<AccessToken>> list(String docId, String fingerprint) {
    return store.listLive(docId, fingerprint, System.currentTimeMillis())
        .map(found -> found.stream().map(AccessTokens::decode).toList());
  }

  /**
   * Removes one token of a document by its public id, only if {@code mintedBy} minted it (null: whoever
   * did); completes with whether it existed. This process's listeners have heard of the removal by
   * then, so nothing its sockets send after the remover's reply is acted on; other processes hear of it
   * over the event bus.
   */
  public Future<Boolean> remove(String docId, String tokenId, User mintedBy) {
    return store.delete(docId, tokenId, mintedBy).map(removed -> {
      if (removed) {
        endListeners.forEach(l -> l.accept(tokenId));
        vertx.eventBus().publish(ENDED_ADDRESS, tokenId, new DeliveryOptions().addHeader(ORIGIN_HEADER, origin));
      }
      return removed;
    });
  }

  /** The document's permission list changed: its tokens minted under any other list are dead; delete them. */
  public Future<Long> removeStale(String docId, String fingerprint) {
    return store.deleteStale(docId, fingerprint);
  }

  private static AccessToken decode(StoredAccessToken stored) {
    return new AccessToken(stored.id(), stored.docId(), stored.user(), stored.fingerprint(), stored.expiresAtMillis());
  }

  private void sweep() {
    store.deleteExpired(System.currentTimeMillis()).onFailure(e ->
        LOG.warn("removing expired access tokens failed", e));
  }
}

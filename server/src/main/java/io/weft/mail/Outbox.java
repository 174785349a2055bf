package io.weft.mail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.weft.store.Letter;
import io.weft.store.OutboxStore;
import io.weft.store.OutboxStore.StoredMail;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored outbox: a mail is stored first and sent by a periodic sweep, so it survives a restart and
 * is sent after it (the first sweep after start-up tries every queued mail at once). Each mail is
 * leased by one conditional update before it is sent, so two processes never send it both. A failed
 * attempt waits {@code mail.retrySeconds}, then twice that; after {@link #MAX_ATTEMPTS} it is given up
 * with the server's error. A process that dies while sending leaves a lease that runs out, and the
 * mail goes again: at least once, never twice while both processes live.
 */
public final class Outbox {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  public static final int MAX_ATTEMPTS = 3;
  /** Longer than any SMTP exchange may take, so a lease outlives the attempt it covers. */
  private static final long LEASE_MILLIS = 5 * 60_000;
  private static final int BATCH = 50;

  /** What became of a mail: {@code queued} (waiting, maybe after a failed attempt), {@code sent} or {@code failed}. */
  public record Delivery(String mailId, String tag, String state, int attempts, String error, long atMillis) {
  }

  private final Vertx vertx;
  private final OutboxStore store;
  private final Mailer mailer;
  private final long retryMillis;
  private final Consumer<Delivery> listener;
  /** One sweep at a time in this process; a sweep asked for meanwhile runs right after. */
  private boolean sweeping;
  private boolean again;

  private long sweepTimer = -1;

  public Outbox(Vertx vertx, OutboxStore store, Mailer mailer, long retryMillis, Consumer<Delivery> listener) {
    this.vertx = vertx;
    this.store = store;
    this.mailer = mailer;
    this.retryMillis = retryMillis;
    this.listener = listener;
  }

  /** Starts the sweeps: one now for everything queued (a restart's leftovers), then one every so often for what is due. */
  public void start() {
    LOG.info("mail goes out as {}", mailer.describe());
    vertx.runOnContext(v -> sweep(Long.MAX_VALUE));
    sweepTimer = vertx.setPeriodic(Math.max(200, Math.min(retryMillis / 2, 10_000)), id -> sweep(System.currentTimeMillis()));
  }

  /** Stops the sweeps, before the store closes; what is queued stays stored for the next start. */
  public void close() {
    vertx.cancelTimer(sweepTimer);
  }

  /** Queues {@code letter} about {@code tag} as mail {@code id}; completes once it is stored. */
  public Future<String> enqueue(String tag, String id, Letter letter) {
    long now = System.currentTimeMillis();
    StoredMail mail = new StoredMail(id, tag, letter, 0, now, 0, now);
    return store.insert(mail).map(inserted -> {
      if (!inserted) {
        throw new IllegalStateException("mail id taken");
      }
      vertx.runOnContext(v -> sweep(System.currentTimeMillis()));
      return mail.id();
    });
  }

  /** Withdraws the queued mails about {@code tag} (its invitation was cancelled or sent anew). */
  public Future<Void> withdraw(String tag) {
    return store.deleteTagged(tag).mapEmpty();
  }

  private void sweep(long dueBy) {
    if (sweeping) {
      again = true;
      return;
    }
    sweeping = true;
    long now = System.currentTimeMillis();
    store.due(dueBy, now, BATCH).compose(this::sendAll).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("sweeping the mail outbox failed", ar.cause());
      }
      sweeping = false;
      if (again) {
        again = false;
        sweep(System.currentTimeMillis());
      }
    });
  }

  private Future<Void> sendAll(List<StoredMail> due) {
    Future<Void> chain = Future.succeededFuture();
    for (StoredMail mail : due) {
      chain = chain.compose(v -> sendOne(mail)).recover(e -> {
        LOG.warn("mail {} to {}: the outbox failed to handle it", mail.id(), mail.letter().to(), e);
        return Future.succeededFuture();
      });
    }
    return chain;
  }

  private Future<Void> sendOne(StoredMail due) {
    long now = System.currentTimeMillis();
    return store.lease(due.id(), due.attempts(), Long.MAX_VALUE, now, now + LEASE_MILLIS).compose(leased -> {
      if (leased == null) {
        return Future.succeededFuture();
      }
      return mailer.send(leased.letter()).transform(ar -> ar.succeeded() ? sent(leased) : failed(leased, ar.cause()));
    });
  }

  private Future<Void> sent(StoredMail mail) {
    return store.delete(mail.id()).map(v -> {
      report(new Delivery(mail.id(), mail.tag(), "sent", mail.attempts() + 1, null, System.currentTimeMillis()));
      return null;
    });
  }

  private Future<Void> failed(StoredMail mail, Throwable cause) {
    int attempts = mail.attempts() + 1;
    String error = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    long now = System.currentTimeMillis();
    if (attempts >= MAX_ATTEMPTS) {
      LOG.warn("mail {} to {} failed {} times; giving up: {}", mail.id(), mail.letter().to(), attempts, error);
      return store.delete(mail.id()).map(v -> {
        report(new Delivery(mail.id(), mail.tag(), "failed", attempts, error, now));
        return null;
      });
    }
    long next = now + retryMillis * (1L << (attempts - 1));
    LOG.info("mail {} to {} failed (attempt {}), trying again in {} ms: {}", mail.id(), mail.letter().to(), attempts,
        next - now, error);
    return store.retryLater(mail.id(), attempts, next).map(v -> {
      report(new Delivery(mail.id(), mail.tag(), "queued", attempts, error, now));
      return null;
    });
  }

  private void report(Delivery delivery) {
    try {
      listener.accept(delivery);
    } catch (RuntimeException e) {
      LOG.warn("reporting the delivery of mail {} failed", delivery.mailId(), e);
    }
  }
}

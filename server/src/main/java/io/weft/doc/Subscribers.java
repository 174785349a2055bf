package io.weft.doc;

import io.weft.store.DocKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets subscribed to one document, in subscription order. Owned by its {@link LiveDocument} and
 * touched only on its context, except {@link #count}, which the registry's idle sweep reads from its own
 * thread. A subscriber whose send fails is dropped: one broken socket must not stop the document.
 */
final class Subscribers {
  private static final Logger LOG = LoggerFactory.getLogger(Subscribers.class);

  private final DocKey key;
  private final Set<Subscriber> set = new LinkedHashSet<>();
  /** Mirrors {@code set.size()} for readers on other threads. */
  private volatile int count;

  Subscribers(DocKey key) {
    this.key = key;
  }

  int count() {
    return count;
  }

  boolean isEmpty() {
    return set.isEmpty();
  }

  /** Adds a subscriber whose socket is still open (a closed one would never be removed by its own close). */
  void add(Subscriber subscriber) {
    if (subscriber.isOpen()) {
      set.add(subscriber);
      count = set.size();
    }
  }

  void remove(Subscriber subscriber) {
    set.remove(subscriber);
    count = set.size();
  }

  /** Sends a committed op's frame to every subscriber but {@code except} (its submitter, which gets an ack). */
  void broadcast(String frame, Subscriber except) {
    List<Subscriber> gone = null;
    for (Subscriber s : set) {
      if (!s.isOpen() || (s != except && !deliver(s, frame))) {
        gone = gone == null ? new ArrayList<>() : gone;
        gone.add(s);
      }
    }
    if (gone != null) {
      gone.forEach(set::remove);
      count = set.size();
    }
  }

  /** Sends one frame; false if the subscriber failed, which must not stop the document for everyone else. */
  boolean deliver(Subscriber subscriber, String frame) {
    try {
      subscriber.send(frame);
      return true;
    } catch (RuntimeException e) {
      LOG.warn("{}: sending to socket {} failed; dropping it", key, subscriber.connectionId(), e);
      return false;
    }
  }

  /** Visits every subscriber, removing those {@code visit} answers true for. */
  void removeIf(Predicate<Subscriber> visit) {
    for (Iterator<Subscriber> it = set.iterator(); it.hasNext(); ) {
      if (visit.test(it.next())) {
        it.remove();
      }
    }
    count = set.size();
  }

  /** Empties the set, giving what it held. */
  List<Subscriber> clear() {
    List<Subscriber> all = new ArrayList<>(set);
    set.clear();
    count = 0;
    return all;
  }
}

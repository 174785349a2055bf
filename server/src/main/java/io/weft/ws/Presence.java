package io.weft.ws;

import io.vertx.core.Vertx;
import io.weft.doc.Subscriber;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;
import io.weft.protocol.WebstratesMessages;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Who is on each page, and which of them listen to which signals (Webstrates' client list and
 * signalling). Sockets of one page may live on different event loops, so each page's state is guarded
 * by its own lock; frames are sent while holding it, so everyone sees joins, parts and signals of a
 * page in one order. State lives in this process only.
 */
final class Presence {
  /** A client that never says {@code ready} is announced anyway after this long, as Webstrates does. */
  static final long JOIN_FALLBACK_MILLIS = 2000;

  private final Vertx vertx;
  private final Map<String, Page> pages = new ConcurrentHashMap<>();
  /** Most node ids one socket may listen on over all its pages (ws.maxSignalListeners). */
  private final int maxListeners;
  /** Node ids each socket listens on over all its pages, by connection id; absent when none. */
  private final Map<String, Integer> listenersBySocket = new ConcurrentHashMap<>();

  Presence(Vertx vertx, int maxListeners) {
    this.vertx = vertx;
    this.maxListeners = maxListeners;
  }

  /** One socket on one page. */
  private static final class Member {
    final Subscriber socket;
    /** Whether clientJoin was announced for it. */
    boolean joined;
    /** An observer: never announced, never listed to the others. */
    final boolean quiet;
    /** Node ids ({@code __wid} or {@code "document"}) it receives signals on. */
    final Set<String> signals = new HashSet<>();
    long joinTimer = -1;

    Member(Subscriber socket, boolean quiet) {
      this.socket = socket;
      this.quiet = quiet;
    }
  }

  private static final class Page {
    final Map<String, Member> members = new LinkedHashMap<>();
    /** Set once the page is dropped from {@link #pages}; a stale reference must not take members. */
    boolean gone;
  }

  /**
   * Adds the socket to the page (again is fine) and sends it {@code hello} with every client id on
   * the page, its own included; clientJoin follows on {@link #ready} or after a fallback delay, unless
   * it is not {@code announced} (an observer: it hears the page, the page never hears of it).
   */
  void enter(String docId, Subscriber socket, Map<String, Object> user, List<Map<String, Object>> defaults,
      boolean announced) {
    while (true) {
      Page page = pages.computeIfAbsent(docId, k -> new Page());
      synchronized (page) {
        if (page.gone) {
          continue;
        }
        Member member = page.members.computeIfAbsent(socket.connectionId(), k -> new Member(socket, !announced));
        if (!socket.isOpen()) {
          // Closed while subscribing: its close already left every page, so it must not stay on this one.
          forget(page.members.remove(socket.connectionId()));
          if (page.members.isEmpty()) {
            page.gone = true;
            pages.remove(docId, page);
          }
          return;
        }
        List<String> clients = new ArrayList<>();
        page.members.values().forEach(m -> {
          if (!m.quiet || m == member) {
            clients.add(m.socket.connectionId());
          }
        });
        socket.send(WebstratesMessages.hello(socket.connectionId(), docId, defaults, user, clients));
        if (!member.quiet && !member.joined && member.joinTimer < 0) {
          member.joinTimer = vertx.setTimer(JOIN_FALLBACK_MILLIS, t -> ready(docId, socket));
        }
        return;
      }
    }
  }

  /** The client has loaded: announce it to everyone on the page, itself included. False if not on the page. */
  boolean ready(String docId, Subscriber socket) {
    return withMember(docId, socket, (page, member) -> {
      if (member.joinTimer >= 0) {
        vertx.cancelTimer(member.joinTimer);
        member.joinTimer = -1;
      }
      if (!member.joined && !member.quiet) {
        member.joined = true;
        sendToAll(page.members.values(), WebstratesMessages.clientJoin(socket.connectionId(), docId));
      }
    });
  }

  /** Runs {@code action} on the socket's membership of the page, under the page's lock. False if not on the page. */
  private boolean withMember(String docId, Subscriber socket, BiConsumer<Page, Member> action) {
    Page page = pages.get(docId);
    if (page == null) {
      return false;
    }
    synchronized (page) {
      Member member = page.members.get(socket.connectionId());
      if (member == null) {
        return false;
      }
      action.accept(page, member);
      return true;
    }
  }

  /** Takes the socket off the page and tells the others; nothing happens if it was not on it. */
  void leave(String docId, Subscriber socket) {
    Page page = pages.get(docId);
    if (page == null) {
      return;
    }
    synchronized (page) {
      Member member = page.members.remove(socket.connectionId());
      if (member == null) {
        return;
      }
      forget(member);
      if (member.joinTimer >= 0) {
        vertx.cancelTimer(member.joinTimer);
      }
      if (page.members.isEmpty()) {
        page.gone = true;
        pages.remove(docId, page);
      } else if (!member.quiet) {
        sendToAll(page.members.values(), WebstratesMessages.clientPart(socket.connectionId(), docId));
      }
    }
  }

  /**
   * Starts (or with {@code on} false stops) delivering signals on {@code nodeId}. False if not on the page.
   *
   * @throws ProtocolException ERR_TOO_MANY_SIGNAL_LISTENERS when the socket already listens on
   *     ws.maxSignalListeners node ids; it keeps those
   */
  boolean listen(String docId, Subscriber socket, String nodeId, boolean on) {
    return withMember(docId, socket, (page, member) -> {
      if (on && !member.signals.contains(nodeId)) {
        int listening = listenersBySocket.getOrDefault(socket.connectionId(), 0);
        if (listening >= maxListeners) {
          throw new ProtocolException(ErrorCode.ERR_TOO_MANY_SIGNAL_LISTENERS, "This socket listens on " + listening
              + " node ids, the most it may (ws.maxSignalListeners); unsubscribe from one first");
        }
        member.signals.add(nodeId);
        count(socket.connectionId(), 1);
      } else if (!on && member.signals.remove(nodeId)) {
        count(socket.connectionId(), -1);
      }
    });
  }

  /** A member left its page: its listeners no longer count against its socket. */
  private void forget(Member member) {
    if (member != null && !member.signals.isEmpty()) {
      count(member.socket.connectionId(), -member.signals.size());
    }
  }

  private void count(String connectionId, int delta) {
    listenersBySocket.compute(connectionId, (id, n) -> {
      int now = (n == null ? 0 : n) + delta;
      return now <= 0 ? null : now;
    });
  }

  /**
   * Sends a signal to the page's sockets that listen on {@code nodeId} (the sender too, if it does),
   * only to {@code recipients} when given. False if the sender is not on the page.
   */
  boolean publish(String docId, Subscriber sender, String nodeId, Object message, Collection<String> recipients) {
    Page page = pages.get(docId);
    if (page == null) {
      return false;
    }
    synchronized (page) {
      if (!page.members.containsKey(sender.connectionId())) {
        return false;
      }
      String frame = null;
      for (Member member : page.members.values()) {
        if (member.signals.contains(nodeId)
            && (recipients == null || recipients.contains(member.socket.connectionId()))) {
          frame = frame == null ? WebstratesMessages.publish(nodeId, docId, sender.connectionId(), message) : frame;
          member.socket.send(frame);
        }
      }
      return true;
    }
  }

  /** The client ids on a page, in the order they arrived (for tests and diagnostics). */
  List<String> clients(String docId) {
    Page page = pages.get(docId);
    if (page == null) {
      return List.of();
    }
    synchronized (page) {
      return new ArrayList<>(page.members.keySet());
    }
  }

  private static void sendToAll(Collection<Member> members, String frame) {
    for (Member m : members) {
      m.socket.send(frame);
    }
  }
}

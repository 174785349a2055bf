package io.weft.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Bounds what slow readers make the server hold: the frames handed to each socket and not yet written
 * out, per socket ({@code ws.sendQueueBytes}) and over all sockets of the server
 * ({@code ws.totalSendQueueBytes}), counted as the UTF-8 bytes they become on the wire. A socket over its
 * own bound is closed with 4429. When the total is over, the sockets holding the most are closed with
 * 4429 until it is under again: a socket that reads promptly holds little, so it is never the one
 * closed, even when its frame is the one that tipped the total over.
 */
final class SendQueues {
  private final long perSocket;
  private final long total;
  /** Bytes queued to open sockets; a socket's share leaves when it closes (see {@link Queue#release}). */
  private final AtomicLong queued = new AtomicLong();
  private final Set<Queue> open = ConcurrentHashMap.newKeySet();

  SendQueues(long perSocket, long total) {
    this.perSocket = perSocket;
    this.total = total;
  }

  /** A queue for a new socket; {@code closeSlow} closes that socket with 4429 and a reason. */
  Queue open(Consumer<String> closeSlow) {
    Queue queue = new Queue(closeSlow);
    open.add(queue);
    return queue;
  }

  /** Bytes queued to open sockets now (for tests and diagnostics). */
  long queuedBytes() {
    return queued.get();
  }

  /** The bytes queued to one socket. Frames are counted from any thread; writes complete on the socket's. */
  final class Queue {
    private final Consumer<String> closeSlow;
    /** Bytes handed to the socket and not yet written out; guarded by this. */
    private long bytes;
    /** Whether {@link #bytes} counts in the server's total: until the socket closes. Guarded by this. */
    private boolean counted = true;

    private Queue(Consumer<String> closeSlow) {
      this.closeSlow = closeSlow;
    }

    /**
     * Counts {@code n} bytes about to be written. False if the frame must not be written: the socket
     * has closed, or is being closed now because this frame would pass its bound or because it holds
     * the most while the server's total is over.
     */
    boolean add(long n) {
      boolean overflow;
      synchronized (this) {
        if (!counted) {
          return false;
        }
        overflow = bytes + n > perSocket;
        if (overflow) {
          release();
        } else {
          bytes += n;
          queued.addAndGet(n);
        }
      }
      if (overflow) {
        closeSlow.accept("Send queue full: the client is reading too slowly");
        return false;
      }
      if (queued.get() > total) {
        shed();
      }
      return isCounted();
    }

    /** {@code n} bytes counted by {@link #add} were written out, or dropped with the connection. */
    synchronized void written(long n) {
      bytes -= n;
      if (counted) {
        queued.addAndGet(-n);
      }
    }

    /**
     * The socket is closing: its bytes leave the total, so a socket that is already closing is never
     * counted against the others. Netty frees them when the connection drops (at the latest after the
     * WebSocket closing timeout, as a reader that stopped never answers the close).
     */
    synchronized void release() {
      if (counted) {
        counted = false;
        queued.addAndGet(-bytes);
        open.remove(this);
      }
    }

    private synchronized boolean isCounted() {
      return counted;
    }

    private synchronized long held() {
      return counted ? bytes : -1;
    }
  }

  /** Closes the sockets holding the most until the total is within its bound. */
  private void shed() {
    List<Queue> victims = new ArrayList<>();
    synchronized (this) {
      while (queued.get() > total) {
        Queue biggest = null;
        long most = 0;
        for (Queue q : open) {
          long held = q.held();
          if (held > most) {
            most = held;
            biggest = q;
          }
        }
        if (biggest == null) {
          break;
        }
        biggest.release();
        victims.add(biggest);
      }
    }
    // Closed outside the lock: closing a socket must not wait on other threads' sends.
    for (Queue victim : victims) {
      victim.closeSlow.accept("The server's send queues are full and this client holds the most: it reads too slowly");
    }
  }

  /**
   * The UTF-8 length of {@code s} without encoding it (the frame is encoded once, by the socket).
   * A lone surrogate counts 3 bytes; the encoder writes 1 for it, so the count errs high.
   */
  static long utf8Length(String s) {
    int chars = s.length();
    long bytes = chars;
    for (int i = 0; i < chars; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 2; // a pair: 2 chars, 4 bytes
          i++;
        } else {
          bytes += 2;
        }
      }
    }
    return bytes;
  }
}

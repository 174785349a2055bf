package io.weft.config;

import io.weft.access.PermissionList;
import java.nio.file.Path;
import java.util.List;

/**
 * Every setting of a Weft server, typed. Defaults live in {@code config/default.json}; the README
 * documents each key. Built once by {@link ConfigLoader} and never mutated.
 */
public record WeftConfig(Http http, Data data, Mongo mongo, Storage storage, Documents documents, Ws ws, Auth auth,
    Invites invites, Permissions permissions, History history, Mail mail, EmailInvites emailInvites, Pages pages) {

  /**
   * Where the HTTP and WebSocket listener binds; port 0 picks a free port (tests). eventLoops: how
   * many event loops accept sockets (0: one per core). allowedOrigins: origins besides the server's
   * own ({@code https://app.example}) whose pages may open WebSockets and post forms here.
   * allowedHosts: host names ({@code name} or {@code name:port}, lower case) a request's {@code Host} may
   * name, besides {@code host} itself; {@code *} allows any. headerTimeoutSeconds: a new connection must
   * send a request's line and headers within this long, and its body within bodyTimeoutSeconds after them. idleTimeoutSeconds: a connection waiting for its
   * next request is closed after this long (WebSockets have ws.idleTimeoutSeconds). maxConnections: most
   * open connections, WebSockets included, across all event loops; more are closed at once.
   */
  public record Http(String host, int port, int eventLoops, List<String> allowedOrigins, List<String> allowedHosts,
      int headerTimeoutSeconds, int bodyTimeoutSeconds, int idleTimeoutSeconds, int maxConnections) {
  }

  /** dir: everything the server writes (the embedded database, later keys and secrets). */
  public record Data(Path dir) {
  }

  /** uri: a MongoDB connection string; empty starts the embedded store under data.dir. */
  public record Mongo(String uri, String database) {
    public boolean embedded() {
      return uri.isEmpty();
    }
  }

  /**
   * snapshotEvery: ops between writes of a document's current snapshot (load replays at most this many).
   * milestoneEvery: ops between kept historical snapshots (old-version reads replay at most this many).
   * batchMaxOps: most ops of one document committed in one storage write.
   * fsync: also fsync the embedded store's journal at each group commit (survives power loss, not just a crash).
   */
  public record Storage(int snapshotEvery, int milestoneEvery, int batchMaxOps, boolean fsync) {
  }

  /**
   * idleUnloadSeconds: an unsubscribed document leaves memory after this long unused.
   * maxIdleLoaded: most unsubscribed documents kept in memory; the least recently used go first.
   * opCacheSize: recent ops kept per loaded document to transform late submissions without a read.
   * maxQueuedSubmissions: most client submissions waiting in one document's queue; from half of it the sockets
   * submitting to it stop being read until it drains, and one arriving when it is full is refused with ERR_DOCUMENT_BUSY.
   */
  public record Documents(int idleUnloadSeconds, int maxIdleLoaded, int opCacheSize, int maxQueuedSubmissions) {
  }

  /**
   * maxFrameBytes: largest accepted WebSocket message; bigger closes the socket with 1009.
   * sendQueueBytes: most bytes (UTF-8, as sent) queued to one slow socket before it is closed with 4429.
   * totalSendQueueBytes: most bytes queued over all sockets; past it the sockets holding the most are closed with 4429.
   * closeTimeoutSeconds: how long a socket the server closes may take to take its close frame; then the
   * connection is cut, so a reader that stopped does not keep what was queued to it.
   * idleTimeoutSeconds: a socket that sends nothing (clients ping every 25 s) for this long is closed with 4408.
   * maxSubscriptions: most documents one socket may be subscribed to; more are refused with ERR_TOO_MANY_SUBSCRIPTIONS.
   * maxSignalListeners: most node ids one socket may listen to for signals, over all its pages; more are
   * refused with ERR_TOO_MANY_SIGNAL_LISTENERS.
   * maxInFlightSubmissions: most ops of one socket submitted and not yet answered; at it the server stops
   * reading the socket (TCP pushes back on the sender) until half of them are answered.
   */
  public record Ws(int maxFrameBytes, long sendQueueBytes, long totalSendQueueBytes, int closeTimeoutSeconds,
      int idleTimeoutSeconds, int maxSubscriptions, int maxSignalListeners, int maxInFlightSubmissions) {
  }

  /**
   * secret: the key signing session JWTs (empty: a random key kept in data.dir). sessionHours: how long
   * a login lasts. secureCookies: mark the session cookie Secure (serve over HTTPS). local: username +
   * password accounts (signup: whether people may create them). test: the {@code /auth/test} provider
   * that logs anyone in by name, for automated tests only. loginAttempts*: failed logins allowed per
   * account and per address within loginWindowSeconds. token*: lifetime of per-document access tokens.
   * signupsPerAddress: accounts one address may create within signupWindowSeconds.
   */
  public record Auth(String secret, int sessionHours, boolean secureCookies, boolean localEnabled,
      boolean localSignup, boolean testEnabled, int loginAttemptsPerAccount, int loginAttemptsPerAddress,
      int loginWindowSeconds, int tokenDefaultSeconds, int tokenMaxSeconds, int signupsPerAddress,
      int signupWindowSeconds) {
  }

  /**
   * defaultMaxAgeSeconds / maxAgeSeconds: an invite's lifetime when its creator names none, and the most
   * it may be given. attempts*: wrong invite keys (check or accept) allowed per user and per address
   * within attemptWindowSeconds. pinAttempts: wrong PINs an interactive invitation takes, over its whole
   * life, before it locks (failed). pinTimeoutSeconds: how long a guest has to enter the PIN issued to them.
   */
  public record Invites(int defaultMaxAgeSeconds, int maxAgeSeconds, int attemptsPerUser, int attemptsPerAddress,
      int attemptWindowSeconds, int pinAttempts, int pinTimeoutSeconds) {
  }

  /**
   * Reading a document's op log ({@code getOps}). maxOpsPerReply: most ops in one reply, and in memory
   * while it is built. maxReplyBytes: most bytes (UTF-8) of one reply frame; a single op larger than this
   * is sent alone. maxConcurrentReads: history reads built at once over the server; more wait their turn.
   */
  public record History(int maxOpsPerReply, int maxReplyBytes, int maxConcurrentReads) {
  }

  /** defaults: the permission list of documents without a {@code data-auth} list of their own. */
  public record Permissions(PermissionList defaults) {
  }

  /**
   * Outgoing mail. host: the SMTP server; empty: mails are written as {@code .eml} files under
   * {@code data.dir/outbox/} instead. starttls: disabled, optional or required. retrySeconds: the wait
   * after a failed attempt, doubled after each (3 attempts in all).
   */
  public record Mail(String host, int port, String starttls, String username, String password, String from,
      int retrySeconds) {
    public boolean toFiles() {
      return host.isEmpty();
    }
  }

  /**
   * Email invitations. publicUrl: this server's origin as mailed links name it ({@code http.publicUrl});
   * empty: {@code http://<http.host>:<the port listened on>}.
   * emailsPerHour: invitation mails one inviter may send an hour; emailsPerAddressPerDay: mails one
   * address gets a day; requireMatchingAddress: only an account with the invited address may accept.
   */
  public record EmailInvites(String publicUrl, int emailsPerHour, int emailsPerAddressPerDay,
      boolean requireMatchingAddress) {
  }

  /**
   * isolation: {@code origin} serves each page on an origin of its own, {@code <label>.<domain>}, with the
   * main origin (login, accounts) at {@code domain}; {@code shared} serves every page on one origin, as
   * Webstrates does (any page's scripts then act for its visitor on every page). See docs/security.md.
   * newPagesPerAddress: pages the front page's New page button may make for one client address within
   * newPageWindowSeconds, then 429.
   */
  public record Pages(boolean isolated, String domain, int newPagesPerAddress, int newPageWindowSeconds) {
  }
}

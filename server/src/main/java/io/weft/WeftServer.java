package io.weft;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.HostAndPort;
import io.weft.config.WeftConfig;
import io.weft.doc.DocumentRegistry;
import io.weft.auth.Identity;
import io.weft.http.AuthRoutes;
import io.weft.origin.AllowedHosts;
import io.weft.origin.CrossSite;
import io.weft.http.HttpVerticle;
import io.weft.http.EmailInvitationLinks;
import io.weft.http.InviteLinks;
import io.weft.invite.email.EmailInvites;
import io.weft.mail.Mailers;
import io.weft.invite.InviteDesk;
import io.weft.invite.interactive.InteractiveDesk;
import io.weft.http.LocalLoginRoutes;
import io.weft.http.PageHosts;
import io.weft.http.FrontPage;
import io.weft.http.PageRoutes;
import io.weft.isolation.HandshakeCodes;
import io.weft.isolation.PageCallers;
import io.weft.isolation.PageOrigins;
import io.weft.store.DocumentStore;
import io.weft.store.mongo.MongoStores;
import io.weft.ws.WebSocketEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Weft: storage, the live documents and the listeners, started and stopped together. */
public final class WeftServer {
  private static final Logger LOG = LoggerFactory.getLogger(WeftServer.class);
  private final Vertx vertx;
  private final DocumentStore store;
  private final DocumentRegistry registry;
  private final WebSocketEndpoint sockets;
  private final InviteDesk invites;
  private final InteractiveDesk interactiveInvites;
  private final EmailInvites emailInvites;
  private final int port;

  private WeftServer(Vertx vertx, DocumentStore store, DocumentRegistry registry, WebSocketEndpoint sockets,
      InviteDesk invites, InteractiveDesk interactiveInvites, EmailInvites emailInvites, int port) {
    this.vertx = vertx;
    this.invites = invites;
    this.interactiveInvites = interactiveInvites;
    this.emailInvites = emailInvites;
    this.store = store;
    this.registry = registry;
    this.sockets = sockets;
    this.port = port;
  }

  public static Future<WeftServer> start(Vertx vertx, WeftConfig config) {
    return MongoStores.open(vertx, storage(config)).compose(opened -> Identity.start(vertx, opened.sessions(),
        opened.accessTokens(), config).compose(identity -> openDocuments(vertx, config, opened, identity)));
  }

  private static MongoStores.Settings storage(WeftConfig config) {
    return new MongoStores.Settings(config.mongo().uri(), config.mongo().database(), config.data().dir(),
        config.storage().fsync());
  }

  private static Future<WeftServer> openDocuments(Vertx vertx, WeftConfig config, MongoStores.Opened opened,
      Identity identity) {
    DocumentStore store = opened.documents();
    DocumentRegistry registry = new DocumentRegistry(vertx, store, config);
    // A changed permission list kills the document's access tokens; delete them rather than keep dead rows.
    registry.onPermissionsChanged((docId, fingerprint) -> identity.tokens().removeStale(docId, fingerprint)
        .onFailure(e -> LOG.warn("removing the old access tokens of {} failed", docId, e)));
    InviteDesk invites = InviteDesk.start(vertx, registry, opened.invites(), config.invites());
    return listen(vertx, config, opened, identity, registry, invites);
  }

  private static Future<WeftServer> listen(Vertx vertx, WeftConfig config, MongoStores.Opened opened,
      Identity identity, DocumentRegistry registry, InviteDesk invites) {
    InteractiveDesk interactive = InteractiveDesk.start(vertx, invites, registry, opened.interactiveInvites(),
        config.invites());
    CrossSite crossSite = new CrossSite(config.http().allowedOrigins());
    PageCallers callers = new PageCallers(config.pages().isolated(),
        new PageOrigins(config.pages().domain(), config.auth().secureCookies()), identity.authenticator(),
        identity.sessions(), crossSite);
    AuthRoutes auth = new AuthRoutes(identity, crossSite, LocalLoginRoutes.create(vertx, opened.accounts(), config.auth()));
    PageHosts pageHosts = null;
    if (config.pages().isolated()) {
      pageHosts = new PageHosts(callers, new HandshakeCodes(), identity.sessions(), config.auth().secureCookies());
    } else {
      LOG.warn("pages.isolation is 'shared': every page is served on one origin, so any page's scripts act as "
          + "their visitor on every page that visitor may use (read, write, change data-auth, create invites and "
          + "tokens). Use it only if everyone who may write a page is trusted by everyone who visits one; see "
          + "docs/security.md");
    }
    // One listener per core sharing one port. Vert.x shares a listener by the port asked for, and
    // each "port 0" would get its own, so a free port is chosen first.
    int port = config.http().port() != 0 ? config.http().port() : freePort(config.http().host());
    EmailInvites emailInvites = EmailInvites.start(vertx, registry, invites, opened.emailInvites(), opened.accounts(),
        opened.outbox(), Mailers.of(vertx, config.mail(), config.data().dir()), config, publicUrl(config, callers, port));
    WebSocketEndpoint sockets = new WebSocketEndpoint(vertx, registry, config, identity, callers, invites, emailInvites,
        interactive);
    PageRoutes pages = new PageRoutes(registry, callers, pageHosts, auth, new InviteLinks(invites, crossSite, auth),
        new EmailInvitationLinks(emailInvites.answers(), emailInvites.verification(), crossSite, auth,
            config.emailInvites().requireMatchingAddress()), new FrontPage(registry, callers, auth, crossSite, config));
    List<HttpVerticle> listeners = new CopyOnWriteArrayList<>();
    List<String> hostNames = new ArrayList<>(config.http().allowedHosts());
    if (config.pages().isolated()) {
      hostNames.add(config.pages().domain());
      hostNames.add("*." + config.pages().domain());
    }
    AllowedHosts hosts = new AllowedHosts(hostNames, config.http().host());
    AtomicInteger openConnections = new AtomicInteger();
    int instances = config.http().eventLoops() > 0 ? config.http().eventLoops()
        : Runtime.getRuntime().availableProcessors();
    return vertx.deployVerticle(() -> {
      HttpVerticle listener = new HttpVerticle(config, port, pages, sockets, hosts, openConnections);
      listeners.add(listener);
      return listener;
    }, new DeploymentOptions().setInstances(instances))
        .map(id -> new WeftServer(vertx, opened.documents(), registry, sockets, invites, interactive, emailInvites,
            listeners.get(0).actualPort()));
  }

  /** {@code http.publicUrl}, or else the main origin (with isolation) or this listener's own origin. */
  private static String publicUrl(WeftConfig config, PageCallers callers, int port) {
    if (!config.emailInvites().publicUrl().isEmpty()) {
      return config.emailInvites().publicUrl();
    }
    if (config.pages().isolated()) {
      return callers.origins().main(HostAndPort.create(config.pages().domain(), port));
    }
    String host = config.http().host();
    return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  private static int freePort(String host) {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }

  public int port() {
    return port;
  }

  public DocumentRegistry registry() {
    return registry;
  }

  public InviteDesk invites() {
    return invites;
  }

  /** Stops listening, writes snapshots of changed documents and closes storage. */
  public Future<Void> stop() {
    sockets.close();
    interactiveInvites.close();
    emailInvites.close();
    Future<Void> undeployed = Future.all(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()).mapEmpty();
    return undeployed.compose(v -> registry.close()).compose(v -> store.close());
  }
}

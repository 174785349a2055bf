package io.weft.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.weft.access.PermissionList;
import io.weft.access.Rights;
import io.weft.auth.AddressWindows;
import io.weft.auth.Caller;
import io.weft.doc.DocumentRegistry;
import io.weft.doc.ElementIds;
import io.weft.isolation.PageCallers;
import io.weft.origin.CrossSite;
import io.weft.protocol.MessageDecoder;
import io.weft.store.DocKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /~new-page} (the front page's New page button): makes a page with a random id and sends
 * the browser to it (303). Only a form of the same origin may ask ({@link CrossSite}); at most
 * {@code pages.newPagesPerAddress} pages per client address per {@code pages.newPageWindowSeconds}
 * ({@code 429 NEW_PAGES_LIMITED}). Whoever the defaults let create a page may; a logged-in creator is
 * written into the new page's {@code data-auth} as its admin, beside the defaults' own entries.
 */
final class NewPages {
  private static final Logger LOG = LoggerFactory.getLogger(NewPages.class);
  static final String PATH = "/~new-page";
  /** Lower-case letters and digits: the id is its own page origin's host label (no hash needed). */
  private static final String ID_CHARS = "abcdefghijkmnpqrstuvwxyz23456789";
  /** 12 characters of 32: 60 random bits, so nobody finds others' new pages by guessing. */
  private static final int ID_LENGTH = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DocumentRegistry registry;
  private final PageCallers callers;
  private final CrossSite crossSite;
  private final AddressWindows windows;
  private final PermissionList defaults;

  NewPages(DocumentRegistry registry, PageCallers callers, CrossSite crossSite, AddressWindows windows,
      PermissionList defaults) {
    this.registry = registry;
    this.callers = callers;
    this.crossSite = crossSite;
    this.windows = windows;
    this.defaults = defaults;
  }

  void post(RoutingContext ctx) {
    String problem = crossSite.problem(ctx.request().headers(), ctx.request().authority());
    if (problem != null) {
      Html.send(ctx.response(), 403, "New page", "<p class=\"error\">Pages are made only from this server's own"
          + " front page (ERR_CROSS_SITE).</p>");
      return;
    }
    String address = LocalLoginRoutes.remoteAddress(ctx);
    long waitSeconds = windows.take(address);
    if (waitSeconds > 0) {
      LOG.info("new page from {} refused: pages.newPagesPerAddress reached", address);
      ctx.response().putHeader("Retry-After", Long.toString(waitSeconds));
      Html.send(ctx.response(), 429, "New page", "<p class=\"error\">Too many new pages from your address"
          + " (NEW_PAGES_LIMITED). Try again in " + (waitSeconds + 59) / 60 + " minutes.</p>"
          + "<p><a href=\"/\">Back to the front page</a></p>");
      return;
    }
    String id = newId();
    DocKey key = new DocKey(MessageDecoder.PAGES, id);
    callers.caller(ctx.request().headers(), ctx.request().authority(), null, null)
        .compose(caller -> registry.withDocument(key, doc -> doc.committed(caller).compose(access -> {
          if (!access.rights().canWrite() || access.view().exists()) {
            return Future.succeededFuture(false);
          }
          return doc.createAsServer(ElementIds.added(skeleton(id, caller)));
        })))
        .onComplete(ar -> {
          if (ar.failed()) {
            windows.giveBack(address);
            LOG.error("{}: making a new page failed", key, ar.cause());
            Html.send(ctx.response(), 500, "New page", "<p class=\"error\">The page could not be made; try again.</p>");
          } else if (!ar.result()) {
            windows.giveBack(address);
            Html.send(ctx.response(), 403, "New page", "<p class=\"error\">You may not make pages on this server"
                + " (ERR_FORBIDDEN). Log in first, or ask whoever runs it.</p><p><a href=\"/\">Back to the front page</a></p>");
          } else {
            LOG.info("{}: made by the New page button for {}", key, address);
            ctx.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, "/" + id + "/")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
          }
        });
  }

  /** The page a browser's create on open makes, with the creator as admin when someone is logged in. */
  private Object skeleton(String id, Caller caller) {
    Map<String, Object> root = new LinkedHashMap<>();
    if (caller.isLoggedIn()) {
      root.put(PermissionList.ATTRIBUTE, defaults.with(caller.user(), Rights.parse("rwa")).toJson());
    }
    List<Object> head = new ArrayList<>(List.of("head", Map.of(), "\n", List.of("title", Map.of(), id), "\n"));
    return List.of("html", root, "\n", head, "\n", List.of("body", Map.of(), "\n"));
  }

  static String newId() {
    StringBuilder id = new StringBuilder(ID_LENGTH);
    for (int i = 0; i < ID_LENGTH; i++) {
      id.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
    }
    return id.toString();
  }
}

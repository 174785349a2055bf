package io.weft.http;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.weft.auth.AddressWindows;
import io.weft.config.WeftConfig;
import io.weft.doc.DocumentRegistry;
import io.weft.doc.ElementIds;
import io.weft.isolation.PageCallers;
import io.weft.origin.CrossSite;
import io.weft.json.Json;
import io.weft.protocol.MessageDecoder;
import io.weft.store.DocKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page {@value #ID}, where {@code /} lands: made from {@value #TEMPLATE} the first time anyone asks
 * for it over HTTP, through the documents' own create path (version 1, kept in its history like any
 * page's create), so it stays a normal page its admins may edit. The template carries no
 * {@code data-auth}: the configured defaults decide who may edit it, as for any page made on open.
 * The create waits its turn in the document's pipeline and, like any create, is conditional in storage:
 * requests racing here, or processes of a cluster racing to storage, make it once. Beside it, on the
 * main origin: the account panel it frames ({@link HomePanel}) and its New page button ({@link NewPages}).
 */
public final class FrontPage {
  private static final Logger LOG = LoggerFactory.getLogger(FrontPage.class);
  public static final String ID = "frontpage";
  static final String TEMPLATE = "templates/frontpage.json";

  private final DocumentRegistry registry;
  private final HomePanel panel;
  private final NewPages newPages;
  private final String template;
  /** Set once this process saw the page exist; it is never deleted, so no one asks storage again. */
  private volatile boolean exists;

  public FrontPage(DocumentRegistry registry, PageCallers callers, AuthRoutes auth, CrossSite crossSite,
      WeftConfig config) {
    this.registry = registry;
    this.panel = new HomePanel(callers, auth);
    this.newPages = new NewPages(registry, callers, crossSite, AddressWindows.forNewPages(config.pages()),
        config.permissions().defaults());
    this.template = readTemplate();
  }

  /** The panel and the New page button; on the main origin only, as {@link PageHosts} sees to. */
  void mount(Router router) {
    router.get(HomePanel.PATH).handler(panel::get);
    router.post(NewPages.PATH).handler(newPages::post);
  }

  /** Completes once {@value #ID} exists, made from the template here if nobody had made it. */
  Future<Void> ensureExists() {
    if (exists) {
      return Future.succeededFuture();
    }
    DocKey key = new DocKey(MessageDecoder.PAGES, ID);
    return registry.withDocument(key, doc -> doc.createAsServer(ElementIds.added(Json.parse(template))))
        .map(created -> {
          if (created) {
            LOG.info("{}: created from {}", key, TEMPLATE);
          }
          exists = true;
          return null;
        });
  }

  private static String readTemplate() {
    try (InputStream in = FrontPage.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException(TEMPLATE + " is missing from the class path");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Json.parse(text);
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

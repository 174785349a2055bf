package io.weft.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The browser client's files under {@code /~/}, served from memory: every page load fetches all of
 * them at once, and a file-system round trip per file (on the worker pool, queued per event loop)
 * would put them in a line. Files come from the {@code static/} directory when the server runs
 * beside it (a changed file is read again, so editing the client needs no restart), else from the
 * class path (the jar). Only plain names in that one directory are served; anything else is 404.
 */
final class ClientFiles implements Handler<RoutingContext> {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private static final Map<String, String> TYPES = Map.of(
      "js", "text/javascript; charset=utf-8", "mjs", "text/javascript; charset=utf-8",
      "html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8", "json", "application/json",
      "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon");

  /** A file's bytes and the modification time they were read at (-1: from the class path). */
  private record Entry(Buffer content, long modified) {
  }

  private final Path directory;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  ClientFiles(Path directory) {
    this.directory = Files.isDirectory(directory) ? directory : null;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    Entry entry = path.equals(PageRoutes.CLIENT_PREFIX + name) && NAME.matcher(name).matches() ? lookup(name) : null;
    if (entry == null) {
      PageRoutes.text(ctx.response(), 404, "Not found");
      return;
    }
    String extension = name.substring(name.lastIndexOf('.') + 1);
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, TYPES.getOrDefault(extension, "application/octet-stream"))
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(entry.content());
  }

  /** The file's current content, or null if there is no such file. */
  private Entry lookup(String name) {
    try {
      if (directory != null) {
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
          return null;
        }
        long modified = Files.getLastModifiedTime(file).toMillis();
        Entry cached = cache.get(name);
        if (cached == null || cached.modified() != modified) {
          cached = new Entry(Buffer.buffer(Files.readAllBytes(file)), modified);
          cache.put(name, cached);
        }
        return cached;
      }
      return cache.computeIfAbsent(name, n -> {
        try (InputStream in = ClientFiles.class.getClassLoader().getResourceAsStream("static/" + n)) {
          return in == null ? null : new Entry(Buffer.buffer(in.readAllBytes()), -1);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      return null;
    }
  }
}

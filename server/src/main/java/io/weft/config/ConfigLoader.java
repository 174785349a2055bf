package io.weft.config;

import io.weft.access.PermissionList;
import io.weft.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads {@link WeftConfig}: the defaults file, then environment variables ({@code http.port} is
 * {@code WEFT_HTTP_PORT}), then {@code -Dweft.<key>=} properties, then explicit overrides (tests).
 * Each value is checked once here; a bad one stops start-up with the key's name.
 */
public final class ConfigLoader {
  private static final String DEFAULTS = "config/default.json";

  private final Map<String, Object> defaults;
  private final Map<String, String> env;
  private final Map<String, String> properties;

  ConfigLoader(Map<String, Object> defaults, Map<String, String> env, Map<String, String> properties) {
    this.defaults = defaults;
    this.env = env;
    this.properties = properties;
  }

  /** The configuration of this process, from its environment and system properties. */
  public static WeftConfig load() {
    return load(Map.of());
  }

  /** As {@link #load()}, with {@code overrides} (dotted keys) taking precedence over everything. */
  public static WeftConfig load(Map<String, String> overrides) {
    Map<String, String> props = new LinkedHashMap<>();
    System.getProperties().forEach((k, v) -> {
      String key = k.toString();
      if (key.startsWith("weft.")) {
        props.put(key.substring("weft.".length()), v.toString());
      }
    });
    props.putAll(overrides);
    return new ConfigLoader(readDefaults(), System.getenv(), props).build();
  }

  /** The environment variable that overrides a dotted key: http.port → WEFT_HTTP_PORT. */
  public static String envName(String key) {
    StringBuilder out = new StringBuilder("WEFT_");
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '.') {
        out.append('_');
      } else if (Character.isUpperCase(c)) {
        out.append('_').append(c);
      } else {
        out.append(Character.toUpperCase(c));
      }
    }
    return out.toString();
  }

  WeftConfig build() {
    for (String key : properties.keySet()) {
      if (!defaults.containsKey(key)) {
        throw new ConfigException("unknown configuration key '" + key + "'");
      }
    }
    return new WeftConfig(
        new WeftConfig.Http(text("http.host", false), integer("http.port", 0, 65535),
            integer("http.eventLoops", 0, 1024), origins("http.allowedOrigins"), hosts("http.allowedHosts"),
            integer("http.headerTimeoutSeconds", 1, 3600), integer("http.bodyTimeoutSeconds", 1, 3600),
            integer("http.idleTimeoutSeconds", 1, 86_400),
            integer("http.maxConnections", 1, 10_000_000)),
        new WeftConfig.Data(Path.of(text("data.dir", false))),
        new WeftConfig.Mongo(mongoUri(), text("mongo.database", false)),
        new WeftConfig.Storage(integer("storage.snapshotEvery", 1, 1_000_000),
            integer("storage.milestoneEvery", 1, 1_000_000), integer("storage.batchMaxOps", 1, 1024),
            bool("storage.fsync")),
        new WeftConfig.Documents(integer("documents.idleUnloadSeconds", 1, 86_400 * 30),
            integer("documents.maxIdleLoaded", 0, 10_000_000), integer("documents.opCacheSize", 1, 1_000_000),
            integer("documents.maxQueuedSubmissions", 2, 1_000_000)),
        new WeftConfig.Ws(integer("ws.maxFrameBytes", 1024, 8 * 1024 * 1024),
            longValue("ws.sendQueueBytes", 64 * 1024, 1L << 40), totalSendQueueBytes(),
            integer("ws.closeTimeoutSeconds", 1, 600), integer("ws.idleTimeoutSeconds", 1, 86_400), integer("ws.maxSubscriptions", 1, 1_000_000),
            integer("ws.maxSignalListeners", 1, 10_000_000), integer("ws.maxInFlightSubmissions", 1, 100_000)),
        new WeftConfig.Auth(text("auth.secret", true), integer("auth.sessionHours", 1, 24 * 366),
            bool("auth.secureCookies"), bool("auth.local.enabled"), bool("auth.local.signup"),
            bool("auth.test.enabled"), integer("auth.loginAttemptsPerAccount", 1, 1_000_000),
            integer("auth.loginAttemptsPerAddress", 1, 1_000_000), integer("auth.loginWindowSeconds", 1, 86_400),
            integer("auth.tokenDefaultSeconds", 1, 86_400 * 30), integer("auth.tokenMaxSeconds", 1, 86_400 * 30),
            integer("auth.signupsPerAddress", 1, 1_000_000), integer("auth.signupWindowSeconds", 1, 86_400 * 30)),
        invites(),
        new WeftConfig.Permissions(permissionList("permissions.defaults")), history(), mail(), emailInvites(),
        pages());
  }

  private WeftConfig.Pages pages() {
    String isolation = text("pages.isolation", false);
    if (!isolation.equals("origin") && !isolation.equals("shared")) {
      throw new ConfigException("pages.isolation must be 'origin' or 'shared', got '" + isolation + "'");
    }
    String domain = text("pages.domain", false).toLowerCase(java.util.Locale.ROOT);
    if (!domain.matches("([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?") || domain.length() > 180) {
      throw new ConfigException("pages.domain must be a host name like weft.example.org, got '" + domain + "'");
    }
    return new WeftConfig.Pages(isolation.equals("origin"), domain, integer("pages.newPagesPerAddress", 1, 1_000_000),
        integer("pages.newPageWindowSeconds", 1, 86_400 * 30));
  }

  private WeftConfig.History history() {
    int maxReplyBytes = integer("history.maxReplyBytes", 1024, Integer.MAX_VALUE);
    long sendQueueBytes = longValue("ws.sendQueueBytes", 64 * 1024, 1L << 40);
    if (maxReplyBytes > sendQueueBytes) {
      throw new ConfigException("history.maxReplyBytes (" + maxReplyBytes + ") is more than ws.sendQueueBytes ("
          + sendQueueBytes + "): every full reply would close the socket");
    }
    return new WeftConfig.History(integer("history.maxOpsPerReply", 1, 1_000_000), maxReplyBytes,
        integer("history.maxConcurrentReads", 1, 10_000));
  }

  private WeftConfig.Invites invites() {
    int limit = integer("invites.maxAgeSeconds", 1, 86_400 * 366);
    int byDefault = integer("invites.defaultMaxAgeSeconds", 1, 86_400 * 366);
    if (byDefault > limit) {
      throw new ConfigException("invites.defaultMaxAgeSeconds (" + byDefault + ") is more than invites.maxAgeSeconds ("
          + limit + ")");
    }
    return new WeftConfig.Invites(byDefault, limit, integer("invites.attemptsPerUser", 1, 1_000_000),
        integer("invites.attemptsPerAddress", 1, 1_000_000), integer("invites.attemptWindowSeconds", 1, 86_400),
        integer("invites.pinAttempts", 1, 100), integer("invites.pinTimeoutSeconds", 1, 86_400));
  }

  private WeftConfig.Mail mail() {
    String starttls = text("mail.starttls", false).toLowerCase(java.util.Locale.ROOT);
    if (!List.of("disabled", "optional", "required").contains(starttls)) {
      throw new ConfigException("mail.starttls must be disabled, optional or required, got '" + starttls + "'");
    }
    String from = text("mail.from", false);
    if (from.chars().anyMatch(c -> c == '\r' || c == '\n') || from.indexOf('@') < 0) {
      throw new ConfigException("mail.from must be one email address, got '" + from + "'");
    }
    return new WeftConfig.Mail(text("mail.host", true), integer("mail.port", 1, 65535), starttls,
        text("mail.username", true), text("mail.password", true), from, integer("mail.retrySeconds", 1, 86_400));
  }

  private WeftConfig.EmailInvites emailInvites() {
    String publicUrl = text("http.publicUrl", true);
    if (!publicUrl.isEmpty() && !publicUrl.matches("https?://[^/\\s?#]+/?")) {
      throw new ConfigException("http.publicUrl must be an origin like https://weft.example.org, got '" + publicUrl + "'");
    }
    return new WeftConfig.EmailInvites(publicUrl.replaceAll("/$", ""), integer("invites.emailsPerHour", 1, 1_000_000),
        integer("invites.emailsPerAddressPerDay", 1, 1_000), bool("invites.email.requireMatchingAddress"));
  }

  /** A comma-separated list of origins, each {@code scheme://host[:port]}. */
  private List<String> origins(String key) {
    List<String> out = new ArrayList<>();
    for (String part : text(key, true).split(",")) {
      String origin = part.trim();
      if (origin.isEmpty()) {
        continue;
      }
      if (!origin.matches("https?://[^/\\s?#]+")) {
        throw new ConfigException(key + " lists origins like https://example.org (no path), got '" + origin + "'");
      }
      out.add(origin.toLowerCase(java.util.Locale.ROOT));
    }
    return List.copyOf(out);
  }

  /** A comma-separated list of host names, each {@code name}, {@code name:port}, {@code [v6]} or {@code *}. */
  private List<String> hosts(String key) {
    List<String> out = new ArrayList<>();
    for (String part : text(key, true).split(",")) {
      String host = part.trim().toLowerCase(java.util.Locale.ROOT);
      if (host.isEmpty()) {
        continue;
      }
      if (!host.equals("*") && !host.matches("(\\[[0-9a-f:.]+\\]|[a-z0-9.-]+)(:[0-9]{1,5})?")) {
        throw new ConfigException(key + " lists host names like example.org or example.org:8080, got '" + part.trim() + "'");
      }
      out.add(host);
    }
    return List.copyOf(out);
  }

  /** A permission list: JSON text when overridden, the JSON array itself in the defaults file. */
  private PermissionList permissionList(String key) {
    String override = properties.containsKey(key) ? properties.get(key) : env.get(envName(key));
    try {
      return PermissionList.fromJsonValue(override == null ? defaults.get(key) : Json.parse(override.trim()));
    } catch (PermissionList.InvalidPermissionList | io.weft.json.JsonSyntaxException e) {
      throw new ConfigException(key + " must be a permission list like "
          + "[{\"username\":\"anonymous\",\"provider\":\"\",\"permissions\":\"r\"}]: " + e.getMessage());
    }
  }

  private String mongoUri() {
    String uri = text("mongo.uri", true);
    if (!uri.isEmpty() && !uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")) {
      throw new ConfigException("mongo.uri must start with mongodb:// or mongodb+srv:// (or be empty for the embedded store)");
    }
    return uri;
  }

  private String raw(String key) {
    if (!defaults.containsKey(key)) {
      throw new IllegalStateException("no default for configuration key " + key);
    }
    String value = properties.get(key);
    if (value == null) {
      value = env.get(envName(key));
    }
    return value == null ? String.valueOf(defaults.get(key)) : value.trim();
  }

  private String text(String key, boolean mayBeEmpty) {
    String value = raw(key);
    if (!mayBeEmpty && value.isEmpty()) {
      throw new ConfigException(key + " must not be empty");
    }
    return value;
  }

  /** 0 (the default) means an eighth of the heap: all queues together then never crowd out the documents. */
  private long totalSendQueueBytes() {
    long configured = raw("ws.totalSendQueueBytes").equals("0") ? 0 : longValue("ws.totalSendQueueBytes", 64 * 1024, 1L << 40);
    return configured > 0 ? configured : Math.max(64 * 1024, Runtime.getRuntime().maxMemory() / 8);
  }

  private int integer(String key, int min, int max) {
    return (int) longValue(key, min, max);
  }

  private long longValue(String key, long min, long max) {
    String value = raw(key);
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a whole number, got '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + parsed);
    }
    return parsed;
  }

  private boolean bool(String key) {
    String value = raw(key);
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new ConfigException(key + " must be true or false, got '" + value + "'");
  }

  private static Map<String, Object> readDefaults() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS + " is missing from the class path");
      }
      Map<String, Object> flat = new LinkedHashMap<>();
      flatten("", Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)), flat);
      return flat;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Object node, Map<String, Object> into) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into);
      }
    } else {
      into.put(prefix, node);
    }
  }
}

package io.weft.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Loading and checking the configuration: defaults, environment, properties, overrides. */
class ConfigLoaderTest {

  /** config/default.json flattened to dotted keys, as the loader reads it. */
  private static Map<String, Object> defaults() {
    try (InputStream in = ConfigLoaderTest.class.getClassLoader().getResourceAsStream("config/default.json")) {
      Map<String, Object> flat = new LinkedHashMap<>();
      flatten("", Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)), flat);
      return flat;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void flatten(String prefix, Object node, Map<String, Object> into) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        flatten(prefix.isEmpty() ? (String) e.getKey() : prefix + "." + e.getKey(), e.getValue(), into);
      }
    } else {
      into.put(prefix, node);
    }
  }

  private static WeftConfig build(Map<String, String> env, Map<String, String> properties) {
    return new ConfigLoader(defaults(), env, properties).build();
  }

  @Test
  void environmentNamesArePrefixedUpperCaseWithDotsAndCamelHumpsAsUnderscores() {
    assertEquals("WEFT_HTTP_PORT", ConfigLoader.envName("http.port"));
    assertEquals("WEFT_WS_MAX_FRAME_BYTES", ConfigLoader.envName("ws.maxFrameBytes"));
    assertEquals("WEFT_STORAGE_SNAPSHOT_EVERY", ConfigLoader.envName("storage.snapshotEvery"));
    assertEquals("WEFT_DOCUMENTS_OP_CACHE_SIZE", ConfigLoader.envName("documents.opCacheSize"));
    assertEquals("WEFT_MONGO_URI", ConfigLoader.envName("mongo.uri"));
  }

  @Test
  void withNothingSetEveryValueIsItsDefault() {
    WeftConfig config = build(Map.of(), Map.of());
    assertEquals("127.0.0.1", config.http().host());
    assertEquals(7007, config.http().port());
    assertEquals(Path.of("data"), config.data().dir());
    assertEquals(new WeftConfig.Mongo("", "weft"), config.mongo());
    assertTrue(config.mongo().embedded());
    assertEquals(new WeftConfig.Storage(100, 1000, 256, false), config.storage());
    assertEquals(new WeftConfig.Documents(60, 1000, 1000, 1024), config.documents());
    assertEquals(new WeftConfig.Ws(2097152, 16777216L, Runtime.getRuntime().maxMemory() / 8, 3, 90, 500, 5000, 128),
        config.ws());
  }

  @Test
  void overridesWinOverDefaults() {
    WeftConfig config = ConfigLoader.load(Map.of("http.port", "0", "ws.maxFrameBytes", "4096",
        "documents.opCacheSize", "3", "storage.fsync", "true", "mongo.uri", "mongodb://db.example:27017",
        "data.dir", "/tmp/weft-x"));
    assertEquals(0, config.http().port());
    assertEquals(4096, config.ws().maxFrameBytes());
    assertEquals(3, config.documents().opCacheSize());
    assertTrue(config.storage().fsync());
    assertEquals("mongodb://db.example:27017", config.mongo().uri());
    assertFalse(config.mongo().embedded());
    assertEquals(Path.of("/tmp/weft-x"), config.data().dir());
    // Untouched keys keep their defaults.
    assertEquals(90, config.ws().idleTimeoutSeconds());
  }

  @Test
  void environmentVariablesWinOverDefaults() {
    WeftConfig config = build(Map.of("WEFT_HTTP_PORT", "8080", "WEFT_WS_MAX_FRAME_BYTES", "65536",
        "WEFT_STORAGE_FSYNC", "true", "WEFT_HTTP_HOST", "0.0.0.0"), Map.of());
    assertEquals("0.0.0.0", config.http().host());
    assertEquals(8080, config.http().port());
    assertEquals(65536, config.ws().maxFrameBytes());
    assertTrue(config.storage().fsync());
  }

  @Test
  void propertiesWinOverEnvironmentVariables() {
    WeftConfig config = build(Map.of("WEFT_HTTP_PORT", "8080", "WEFT_WS_IDLE_TIMEOUT_SECONDS", "30"),
        Map.of("http.port", "9090"));
    assertEquals(9090, config.http().port());
    assertEquals(30, config.ws().idleTimeoutSeconds());
  }

  @Test
  void valuesAreTrimmed() {
    WeftConfig config = build(Map.of("WEFT_HTTP_PORT", " 8081 "), Map.of("storage.fsync", " true"));
    assertEquals(8081, config.http().port());
    assertTrue(config.storage().fsync());
  }

  @Test
  void environmentVariablesThatAreNotWeftKeysAreIgnored() {
    WeftConfig config = build(Map.of("PATH", "/usr/bin", "HTTP_PORT", "1", "WEFT_HTTP_PORT_X", "2"), Map.of());
    assertEquals(7007, config.http().port());
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("http.port", "abc"),
        Arguments.of("http.port", "-1"),
        Arguments.of("http.port", "65536"),
        Arguments.of("http.port", "80.5"),
        Arguments.of("http.port", ""),
        Arguments.of("http.host", ""),
        Arguments.of("storage.fsync", "maybe"),
        Arguments.of("storage.fsync", "TRUE"),
        Arguments.of("storage.fsync", "1"),
        Arguments.of("storage.snapshotEvery", "0"),
        Arguments.of("storage.milestoneEvery", "0"),
        Arguments.of("storage.batchMaxOps", "1025"),
        Arguments.of("documents.opCacheSize", "0"),
        Arguments.of("documents.idleUnloadSeconds", "0"),
        Arguments.of("documents.maxIdleLoaded", "-1"),
        Arguments.of("ws.maxFrameBytes", "1023"),
        Arguments.of("ws.maxFrameBytes", "8388609"),
        Arguments.of("ws.maxFrameBytes", "99999999999999999999"),
        Arguments.of("ws.sendQueueBytes", "1000"),
        Arguments.of("ws.totalSendQueueBytes", "1000"),
        Arguments.of("ws.totalSendQueueBytes", "-1"),
        Arguments.of("ws.closeTimeoutSeconds", "0"),
        Arguments.of("ws.maxSubscriptions", "0"),
        Arguments.of("ws.maxSignalListeners", "0"),
        Arguments.of("ws.idleTimeoutSeconds", "0"),
        Arguments.of("mongo.uri", "http://x"),
        Arguments.of("mongo.uri", "localhost:27017"),
        Arguments.of("mongo.database", ""),
        Arguments.of("data.dir", " "),
        Arguments.of("http.allowedOrigins", "https://ok.example,https://x.example/path"),
        Arguments.of("http.allowedOrigins", "ftp://x.example"),
        Arguments.of("auth.sessionHours", "0"),
        Arguments.of("auth.test.enabled", "yes"),
        Arguments.of("auth.tokenMaxSeconds", "0"),
        Arguments.of("permissions.defaults", "rwa"),
        Arguments.of("permissions.defaults", "[{\"username\":\"anonymous\",\"provider\":\"\",\"permissions\":\"rwx\"}]"),
        Arguments.of("permissions.defaults", "[{\"username\":\"a&b\",\"provider\":\"local\",\"permissions\":\"r\"}]"));
  }

  @org.junit.jupiter.api.Test
  void permissionDefaultsAndOriginsAreReadFromTheirText() {
    WeftConfig config = ConfigLoader.load(Map.of(
        "permissions.defaults", "[{\"username\":\"anonymous\",\"provider\":\"\",\"permissions\":\"r\"}]",
        "http.allowedOrigins", " https://A.example , http://b.example:8080 "));
    assertEquals("r", config.permissions().defaults().rightsOf(io.weft.user.User.ANONYMOUS).toString());
    assertEquals(java.util.List.of("https://a.example", "http://b.example:8080"), config.http().allowedOrigins());
    assertEquals("rwa", ConfigLoader.load().permissions().defaults().rightsOf(io.weft.user.User.ANONYMOUS).toString(),
        "out of the box anonymous may do everything, so a first run just works");
    assertEquals(false, ConfigLoader.load().auth().testEnabled(), "the test provider is off by default");
  }

  @ParameterizedTest(name = "{0} = \"{1}\"")
  @MethodSource("badValues")
  void aBadOverrideIsRefusedNamingTheKey(String key, String value) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(key, value)));
    assertTrue(e.getMessage().contains(key), "the message names " + key + ": " + e.getMessage());
  }

  @ParameterizedTest(name = "{0} = \"{1}\"")
  @MethodSource("badValues")
  void aBadEnvironmentVariableIsRefusedNamingTheKey(String key, String value) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> build(Map.of(ConfigLoader.envName(key), value), Map.of()));
    assertTrue(e.getMessage().contains(key), "the message names " + key + ": " + e.getMessage());
  }

  @Test
  void anUnknownKeyIsRefusedNamingIt() {
    ConfigException e = assertThrows(ConfigException.class, () -> build(Map.of(), Map.of("http.prot", "80")));
    assertTrue(e.getMessage().contains("http.prot"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("nonsense", "1")));
    assertTrue(e.getMessage().contains("nonsense"), e.getMessage());
  }

  @Test
  void anUnknownWeftSystemPropertyIsRefused() {
    System.setProperty("weft.ws.maxFrameBytez", "4096");
    try {
      ConfigException e = assertThrows(ConfigException.class, ConfigLoader::load);
      assertTrue(e.getMessage().contains("ws.maxFrameBytez"), e.getMessage());
    } finally {
      System.clearProperty("weft.ws.maxFrameBytez");
    }
  }

  @Test
  void aKnownWeftSystemPropertyIsUsed() {
    System.setProperty("weft.documents.opCacheSize", "7");
    try {
      assertEquals(7, ConfigLoader.load().documents().opCacheSize());
      // Explicit overrides still win over the property.
      assertEquals(9, ConfigLoader.load(Map.of("documents.opCacheSize", "9")).documents().opCacheSize());
    } finally {
      System.clearProperty("weft.documents.opCacheSize");
    }
  }

  @Test
  void aSectionNameAloneIsNotAKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("http", "x")));
    assertTrue(e.getMessage().contains("http"), e.getMessage());
  }
}

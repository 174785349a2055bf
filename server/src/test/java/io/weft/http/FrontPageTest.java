package io.weft.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.weft.json.Json;
import io.weft.store.mongo.EmbeddedMongo;
import io.weft.testing.Pages;
import io.weft.testing.Publishers;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The front page is made from its template by the first request for it, through the documents' own
 * create path: two servers on one database, asked for it many times at once, make it exactly once (one
 * create at version 0 in the op log).
 */
class FrontPageTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void twoServersOpeningTheFrontPageAtOnceMakeItOnceFromTheTemplate() throws Exception {
    try (EmbeddedMongo mongo = EmbeddedMongo.start(Files.createTempDirectory("weft-front-mongo"))) {
      Map<String, String> shared = Map.of("mongo.uri", mongo.connectionString());
      try (TestServer a = TestServer.start(shared); TestServer b = TestServer.start(shared)) {
        List<CompletableFuture<HttpResponse<String>>> opens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          for (TestServer server : List.of(a, b)) {
            opens.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(server.url("/frontpage/?json"))).build(),
                HttpResponse.BodyHandlers.ofString()));
          }
        }
        for (CompletableFuture<HttpResponse<String>> open : opens) {
          HttpResponse<String> page = open.get(30, TimeUnit.SECONDS);
          assertEquals(200, page.statusCode(), page.body());
          assertTrue(page.body().contains("Web pages you make together"), page.body());
          assertTrue(page.body().contains("/~/frontpage.js"));
        }
        assertEquals("{\"version\":1}", a.get("/frontpage/?v").body().trim());
        assertEquals("{\"version\":1}", b.get("/frontpage/?v").body().trim());
      }
      List<Document> records = all(mongo.connectionString());
      assertEquals(1, records.size(), "one commit record: " + records);
      Document record = records.get(0);
      assertEquals(0L, record.get("v", Number.class).longValue());
      assertEquals(1L, record.get("n", Number.class).longValue());
      Object ops = record.get("ops");
      String text = ops instanceof String s ? s : Json.encode(Json.parse(((List<?>) ops).get(0) instanceof Document d
          ? "[" + d.toJson() + "]" : "[]"));
      assertTrue(text.contains("create"), text);
      assertTrue(text.contains("\"server\""), "made by the server: " + text);
    }
  }

  @Test
  void aFrontPageSomeoneElseMadeFirstIsLeftAsItIs() {
    try (TestServer server = TestServer.start()) {
      try (RecordingClient creator = server.connect("frontpage")) {
        assertNull(creator.create("frontpage", Pages.skeleton("Our own front page")).get("error"));
      }
      String page = server.get("/frontpage/?json").body();
      assertTrue(page.contains("Our own front page"), page);
      assertFalse(page.contains("Web pages you make together"), "the template is not laid over it: " + page);
      assertEquals(200, server.get("/frontpage/").statusCode());
      assertEquals("{\"version\":1}", server.get("/frontpage/?v").body().trim());
    }
  }

  @Test
  void theFrontPageKeepsItsElementIdsAndHasNoListOfItsOwn() {
    try (TestServer server = TestServer.start()) {
      Object page = Json.parse(server.get("/frontpage/?json").body());
      List<?> html = (List<?>) page;
      Map<?, ?> attrs = (Map<?, ?>) html.get(1);
      assertTrue(attrs.get("__wid") instanceof String wid && wid.length() == 8, attrs.toString());
      assertFalse(attrs.containsKey("data-auth"), "the defaults decide who may edit it");
    }
  }

  private static List<Document> all(String uri) throws Exception {
    try (MongoClient client = MongoClients.create(uri)) {
      return Publishers.all(client.getDatabase("weft").getCollection("ops").find(Filters.eq("d", "frontpage")));
    }
  }
}

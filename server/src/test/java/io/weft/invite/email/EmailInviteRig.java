package io.weft.invite.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.base.GreenMailOperations;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.weft.json.Json;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the email invitation tests share: pages, a console socket, the link in a mail, the link's HTTP steps. */
public final class EmailInviteRig {
  private static final AtomicInteger DOCS = new AtomicInteger();
  /** What Chromium sends when the user opens a link from a mail program. */
  static final Map<String, String> TYPED = Map.of("Sec-Fetch-Site", "none", "Sec-Fetch-Mode", "navigate",
      "Sec-Fetch-Dest", "document");

  private EmailInviteRig() {
  }

  /** A free port for an SMTP server of a test's own (other tests may run beside it on this machine). */
  public static int freePort() {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ServerSetup smtp(int port) {
    return new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
  }

  /** A real SMTP server on {@code port} for a whole test class (register it before the Weft server). */
  public static GreenMailExtension greenMail(int port) {
    return new GreenMailExtension(smtp(port)).withPerMethodLifecycle(false);
  }

  /** Settings that send Weft's mail to the SMTP server on {@code port}, plus {@code more} (name, value, ...). */
  public static Map<String, String> mailSettings(int port, String... more) {
    Map<String, String> settings = new java.util.HashMap<>(Map.of("mail.host", "127.0.0.1", "mail.port",
        String.valueOf(port), "mail.starttls", "disabled"));
    for (int i = 0; i < more.length; i += 2) {
      settings.put(more[i], more[i + 1]);
    }
    return settings;
  }

  /** A new page titled {@code title} whose admins are {@code creator} and {@code otherAdmins} (test users). */
  @SuppressWarnings("unchecked")
  static String page(TestServer server, TestServer.Login creator, String title, String... otherAdmins) {
    String doc = "mail-doc-" + DOCS.incrementAndGet();
    List<Object> page = Pages.skeleton(title);
    List<Object> list = new ArrayList<>();
    list.add(Json.object("username", creator.username(), "provider", creator.provider(), "permissions", "rwa"));
    for (String admin : otherAdmins) {
      list.add(Json.object("username", admin, "provider", "test", "permissions", "rwa"));
    }
    ((Map<String, Object>) page.get(1)).put("data-auth", Json.encode(list));
    try (RecordingClient c = server.connect(doc, creator)) {
      Map<String, Object> ack = c.create(doc, page);
      assertNull(ack.get("error"), "page created: " + ack);
    }
    return doc;
  }

  /** Each user's rights in the page's own data-auth, as {@code user:provider} → letters. */
  static Map<String, String> rights(TestServer server, TestServer.Login reader, String doc) {
    HttpResponse<String> json = server.get("/" + doc + "/?json", reader.headers());
    assertEquals(200, json.statusCode(), json.body());
    Object source = ((Map<?, ?>) ((List<?>) Json.parse(json.body())).get(1)).get("data-auth");
    Map<String, String> out = new LinkedHashMap<>();
    for (Object e : (List<?>) Json.parse((String) source)) {
      Map<?, ?> entry = (Map<?, ?>) e;
      out.put(entry.get("username") + ":" + entry.get("provider"), (String) entry.get("permissions"));
    }
    return out;
  }

  /** The mail's text/plain and text/html parts. */
  public static String[] textAndHtml(MimeMessage mail) {
    try {
      Multipart parts = (Multipart) mail.getContent();
      String text = null;
      String html = null;
      for (int i = 0; i < parts.getCount(); i++) {
        BodyPart part = parts.getBodyPart(i);
        if (part.isMimeType("text/plain")) {
          text = ((String) part.getContent()).replace("\r\n", "\n");
        } else if (part.isMimeType("text/html")) {
          html = (String) part.getContent();
        }
      }
      assertNotNull(text, "a text/plain part");
      assertNotNull(html, "a text/html part");
      return new String[] {text, html};
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The token of the invitation link to {@code doc} in {@code text}. */
  public static String token(String text, String doc) {
    Matcher m = Pattern.compile("/" + doc + "/\\?invitation=([A-Za-z0-9_-]+)").matcher(text);
    assertTrue(m.find(), "an invitation link to " + doc + " in: " + text);
    return m.group(1);
  }

  /** Waits for the first mail to {@code to} about {@code doc}, failing after 15 seconds. */
  public static MimeMessage mailTo(GreenMailOperations smtp, String to, String doc) {
    return mailTo(smtp, to, doc, 1);
  }

  /** Waits for the {@code nth} mail (from 1) to {@code to} about {@code doc}, failing after 15 seconds. */
  static MimeMessage mailTo(GreenMailOperations smtp, String to, String doc, int nth) {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      List<MimeMessage> found = mailsTo(smtp, to, doc);
      if (found.size() >= nth) {
        return found.get(nth - 1);
      }
      sleep(50);
    }
    throw new AssertionError("no mail number " + nth + " to " + to + " about " + doc);
  }

  static List<MimeMessage> mailsTo(GreenMailOperations smtp, String to, String doc) {
    List<MimeMessage> found = new ArrayList<>();
    try {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        if (m.getAllRecipients()[0].toString().equals(to) && textAndHtml(m)[0].contains("/" + doc + "/")) {
          found.add(m);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return found;
  }

  /** The {@code .eml} files written without an SMTP server, parsed, oldest first, to {@code to} about {@code doc}. */
  public static List<MimeMessage> emlTo(Path dataDir, String to, String doc) {
    Path outbox = dataDir.resolve("outbox");
    List<MimeMessage> found = new ArrayList<>();
    long deadline = System.currentTimeMillis() + 10_000;
    while (found.isEmpty() && System.currentTimeMillis() < deadline) {
      try (Stream<Path> files = Files.isDirectory(outbox) ? Files.list(outbox) : Stream.empty()) {
        for (Path file : files.sorted().toList()) {
          try (InputStream in = Files.newInputStream(file)) {
            MimeMessage m = new MimeMessage(jakarta.mail.Session.getInstance(new Properties()), in);
            if (m.getAllRecipients()[0].toString().equals(to) && textAndHtml(m)[0].contains("/" + doc + "/")) {
              found.add(m);
            }
          }
        }
      } catch (IOException | jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
      if (found.isEmpty()) {
        sleep(50);
      }
    }
    assertFalse(found.isEmpty(), "an .eml file to " + to + " about " + doc);
    return found;
  }

  /** Signs up a local account with {@code email}, as the sign-up form does; its session. */
  public static TestServer.Login signUp(TestServer server, String username, String email) {
    HttpResponse<String> response = server.post("/auth/local/signup", "username=" + username + "&email="
        + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8) + "&password=correct-horse-9",
        Map.of("Origin", server.url("")));
    assertEquals(303, response.statusCode(), response.body());
    String setCookie = response.headers().allValues("set-cookie").get(0);
    return new TestServer.Login(username, "local", setCookie.substring(0, setCookie.indexOf(';')));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Opens the link as a browser would ({@code login} null: logged out); the cookie now holding the token. */
  static String openLink(TestServer server, String doc, String token, TestServer.Login login) {
    HttpResponse<String> first = server.get("/" + doc + "/?invitation=" + token, headers(login, null));
    assertEquals(303, first.statusCode(), first.body());
    assertEquals("/" + doc + "/?emailInvitation", first.headers().firstValue("location").orElseThrow());
    assertEquals("no-referrer", first.headers().firstValue("referrer-policy").orElseThrow());
    String setCookie = first.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("weft_invitation="))
        .findFirst().orElseThrow();
    assertTrue(setCookie.contains("Path=/" + doc + "/") && setCookie.toLowerCase().contains("httponly"), setCookie);
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  /** The invitation page, with the cookie {@link #openLink} set. */
  static HttpResponse<String> invitationPage(TestServer server, String doc, String cookie, TestServer.Login login) {
    return server.get("/" + doc + "/?emailInvitation", headers(login, cookie));
  }

  /** Presses Accept or Decline ({@code answer}) on the invitation page, from this server's own page. */
  static HttpResponse<String> answer(TestServer server, String doc, String cookie, TestServer.Login login, String answer) {
    Map<String, String> headers = new LinkedHashMap<>(headers(login, cookie));
    headers.put("Origin", server.url(""));
    headers.put("Sec-Fetch-Site", "same-origin");
    return server.post("/" + doc + "/?emailInvitation=" + answer, "", headers);
  }

  static Map<String, String> headers(TestServer.Login login, String cookie) {
    Map<String, String> out = new LinkedHashMap<>(TYPED);
    List<String> cookies = new ArrayList<>();
    if (login != null) {
      cookies.add(login.cookie());
    }
    if (cookie != null) {
      cookies.add(cookie);
    }
    if (!cookies.isEmpty()) {
      out.put("Cookie", String.join("; ", cookies));
    }
    return out;
  }
}

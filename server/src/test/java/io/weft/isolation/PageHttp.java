package io.weft.isolation;

import io.weft.testing.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Raw HTTP/1.1 to a test server under any host name (the page origins' names resolve nowhere here). */
final class PageHttp {
  /** A response: its status, its header lines as sent ({@code name: value}), and its body. */
  record Answer(int status, List<String> headers, String body) {
    /** The first value of header {@code name}, or null. */
    String header(String name) {
      return all(name).stream().findFirst().orElse(null);
    }

    List<String> all(String name) {
      List<String> out = new ArrayList<>();
      for (String line : headers) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          out.add(line.substring(colon + 1).trim());
        }
      }
      return out;
    }

    /** The {@code name=value} a Set-Cookie header of this response gives cookie {@code name}, or null. */
    String cookie(String name) {
      for (String set : all("Set-Cookie")) {
        if (set.startsWith(name + "=") && !set.contains("Max-Age=0")) {
          return set.substring(0, set.indexOf(';'));
        }
      }
      return null;
    }
  }

  private PageHttp() {
  }

  static Answer send(int port, String method, String host, String path, Map<String, String> headers) {
    StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
        + "\r\nConnection: close\r\n");
    headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    if (method.equals("POST")) {
      request.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 0\r\n");
    }
    String raw = RawHttp.exchange(port, request.append("\r\n").toString());
    int end = raw.indexOf("\r\n\r\n");
    String[] lines = raw.substring(0, end).split("\r\n");
    return new Answer(Integer.parseInt(lines[0].split(" ")[1]), List.of(lines).subList(1, lines.length),
        raw.substring(end + 4));
  }

  /** A browser's navigation headers (typed into the address bar), plus {@code extra}. */
  static Map<String, String> navigation(String... extra) {
    Map<String, String> headers = new java.util.LinkedHashMap<>(Map.of("Sec-Fetch-Mode", "navigate",
        "Sec-Fetch-Site", "none", "Sec-Fetch-Dest", "document"));
    for (int i = 0; i < extra.length; i += 2) {
      headers.put(extra[i], extra[i + 1]);
    }
    return headers;
  }
}

package io.weft.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand over a plain socket: for what ordinary clients will not send (another
 * {@code Host}, half a request) and to see exactly which bytes come back.
 */
public final class RawHttp {
  private RawHttp() {
  }

  /** Sends {@code request} (lines joined with CRLF, ended by a blank line) and reads until the server closes. */
  public static String exchange(int port, String request) {
    try (Socket socket = open(port)) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      return readUntilClosed(socket, 10_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request with {@code Connection: close}, so the answer ends with the connection. */
  public static String request(String method, String path, String host) {
    return method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
  }

  public static Socket open(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    return socket;
  }

  /**
   * Everything the server sends until it closes the connection; throws if it is still open after
   * {@code timeoutMillis} of silence.
   */
  public static String readUntilClosed(Socket socket, int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException stillOpen) {
      throw new IllegalStateException("the server kept the connection open; so far: " + out.toString(StandardCharsets.UTF_8));
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The status code of a raw response. */
  public static int status(String response) {
    return Integer.parseInt(response.substring(9, 12));
  }

  /** The first value of header {@code name} (any case) in a raw response, or null. */
  public static String header(String response, String name) {
    int end = response.indexOf("\r\n\r\n");
    for (String line : response.substring(0, end < 0 ? response.length() : end).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  /** What follows the headers. */
  public static String body(String response) {
    int end = response.indexOf("\r\n\r\n");
    return end < 0 ? "" : response.substring(end + 4);
  }
}

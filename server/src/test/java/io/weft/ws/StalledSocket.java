package io.weft.ws;

import io.weft.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * A WebSocket client over a plain TCP socket with a tiny receive buffer, which reads only when told to:
 * between reads the server's frames pile up on the server, as they do for a client that stopped reading.
 */
final class StalledSocket implements AutoCloseable {
  private static final int CLOSE = 8;

  private final Socket socket = new Socket();
  private final InputStream in;
  private final OutputStream out;

  StalledSocket(int port, String path) throws IOException {
    // Set before connecting, so the window the client advertises stays small (no autotuning).
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String head = readHead();
    if (!head.startsWith("HTTP/1.1 101")) {
      throw new IOException("upgrade refused: " + head);
    }
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      head.write(readByte());
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /** The client's port, by which the server's side of this connection is found in {@code TcpStates}. */
  int localPort() {
    return socket.getLocalPort();
  }

  /** Sends one masked text frame, as a client must. */
  void send(Map<String, Object> message) throws IOException {
    byte[] payload = Json.encode(message).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift));
      }
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i & 3]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  /** Reads messages until one whose text matches; returns it. */
  String readUntil(Predicate<String> wanted) throws IOException {
    while (true) {
      Message m = readMessage();
      if (m.opcode == CLOSE) {
        throw new IOException("closed with " + m.closeCode() + " while waiting for a message");
      }
      String text = new String(m.payload, StandardCharsets.UTF_8);
      if (wanted.test(text)) {
        return text;
      }
    }
  }

  /**
   * Reads on, skipping messages, until the server's close frame; returns its code, or -1 if the
   * connection ended without one.
   */
  int readToClose() throws IOException {
    try {
      while (true) {
        Message m = readMessage();
        if (m.opcode == CLOSE) {
          return m.closeCode();
        }
      }
    } catch (EOFException | java.net.SocketException ended) {
      return -1;
    }
  }

  private record Message(int opcode, byte[] payload) {
    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
    }
  }

  /** One message: a frame and its continuations (control frames between them are skipped). */
  private Message readMessage() throws IOException {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    int opcode = -1;
    while (true) {
      int b0 = readByte();
      int b1 = readByte();
      long length = b1 & 0x7f;
      if (length == 126) {
        length = ((long) readByte() << 8) | readByte();
      } else if (length == 127) {
        length = 0;
        for (int i = 0; i < 8; i++) {
          length = (length << 8) | readByte();
        }
      }
      byte[] data = in.readNBytes((int) length);
      if (data.length < length) {
        throw new EOFException();
      }
      int frameOpcode = b0 & 0x0f;
      if (frameOpcode == CLOSE) {
        return new Message(CLOSE, data);
      }
      if (frameOpcode >= 8) {
        continue; // ping or pong
      }
      if (opcode < 0) {
        opcode = frameOpcode;
      }
      payload.write(data);
      if ((b0 & 0x80) != 0) {
        return new Message(opcode, payload.toByteArray());
      }
    }
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException();
    }
    return b;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

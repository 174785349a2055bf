package io.weft.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's side of loopback TCP connections, from Linux's /proc/net/tcp and tcp6: for a socket
 * that reads nothing, the only way to see that the server has closed it (its close frame and FIN wait
 * behind the unread data).
 */
public final class TcpStates {
  /** The state number of an open connection in /proc/net/tcp. */
  public static final int ESTABLISHED = 1;

  private TcpStates() {
  }

  /** State of every connection whose local port is {@code serverPort}, by the client's port. */
  public static Map<Integer, Integer> serverSide(int serverPort) {
    Map<Integer, Integer> states = new HashMap<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines;
      try {
        lines = Files.readAllLines(Path.of(table));
      } catch (IOException e) {
        continue;
      }
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        // "  sl  local_address rem_address   st ...": addresses are HEXIP:HEXPORT, st is hex.
        String[] f = line.trim().split("\\s+");
        if (f.length < 4 || port(f[1]) != serverPort) {
          continue;
        }
        states.merge(port(f[2]), Integer.parseInt(f[3], 16), (a, b) -> a == ESTABLISHED ? a : b);
      }
    }
    return states;
  }

  private static int port(String address) {
    return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
  }
}

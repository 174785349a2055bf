package io.weft.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** Seeing from outside that a server closed a connection its client no longer reads. */
class TcpStatesTest {
  @Test
  void seesTheServersSideLeaveEstablishedWhenTheServerCloses() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
      Socket accepted = server.accept();
      assertEquals(TcpStates.ESTABLISHED, TcpStates.serverSide(server.getLocalPort()).get(client.getLocalPort()));

      accepted.close();

      Integer state = TcpStates.serverSide(server.getLocalPort()).get(client.getLocalPort());
      assertNotEquals(TcpStates.ESTABLISHED, state);
    }
  }
}

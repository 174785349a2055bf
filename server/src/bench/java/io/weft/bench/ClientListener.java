package io.weft.bench;

/** What a running workload hears from its clients; called on the client's event loop. */
interface ClientListener {
  ClientListener NONE = new ClientListener() {
    @Override
    public void acked(LoadClient client) {
    }

    @Override
    public void delivered(LoadClient client, WireFrame op) {
    }

    @Override
    public void rejected(LoadClient client, WireFrame error) {
    }
  };

  /** The server acknowledged the client's op in flight. */
  void acked(LoadClient client);

  /** Another client's op reached this client. */
  void delivered(LoadClient client, WireFrame op);

  /** The server refused the client's op. */
  void rejected(LoadClient client, WireFrame error);
}

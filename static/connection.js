// The document's WebSocket: connects to ws(s)://host/<id>/<query>, reconnects with back-off after any
// loss (except the server's final closes below), keeps the socket alive, and routes frames: Webstrates
// messages (which start with {"wa":) to the presence/signal side, replies to the request that carries
// their token, the rest to ShareDB.

const KEEP_ALIVE_MS = 25000;
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;
/** Close codes after which reconnecting cannot help (the server's CloseCodes), and why. */
const FINAL_CLOSES = new Map([
  [4401, 'logged out'],
  [4403, 'lost read permission'],
]);

export class Connection {
  /**
   * @param {string} url
   * @param {{onOpen?: Function, onClose?: (code: number) => void, onShareDb: Function,
   *   onWebstrates: Function}} handlers
   */
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.socket = null;
    this.isOpen = false;
    this.attempts = 0;
    this.closedForGood = false;
    this.nextToken = 1;
    this.requests = new Map();
    this.keepAlive = setInterval(() => this.send({ type: 'alive' }), KEEP_ALIVE_MS);
  }

  /**
   * Connects, or adopts `early`, a socket the page shell opened while the modules loaded:
   * {ws, frames} with the frames it has received so far.
   */
  start(early) {
    if (early && early.ws.readyState <= WebSocket.OPEN) this.adopt(early);
    else this.connect();
  }

  connect() {
    this.watch(new WebSocket(this.url));
  }

  /** Takes over the shell's socket: replays what it received, then carries on as usual. */
  adopt(early) {
    const socket = early.ws;
    this.watch(socket);
    if (socket.readyState === WebSocket.OPEN) {
      this.isOpen = true;
      this.handlers.onOpen?.();
    }
    for (const frame of early.frames.splice(0)) this.receive(frame);
  }

  watch(socket) {
    this.socket = socket;
    socket.onopen = () => {
      this.isOpen = true;
      this.attempts = 0;
      this.handlers.onOpen?.();
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      const wasOpen = this.isOpen;
      this.isOpen = false;
      this.socket = null;
      const final = FINAL_CLOSES.get(event.code);
      if (final) {
        // Not the URL: its query may hold an access token.
        console.warn(`weft: ${final}; the page is disconnected for good (reload it to try again).`
          + (event.reason ? ` The server said: ${event.reason}` : ''));
        this.stop();
      }
      this.failRequests();
      if (wasOpen) this.handlers.onClose?.(event.code);
      if (!this.closedForGood) {
        const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 1.5 ** this.attempts++);
        setTimeout(() => this.connect(), delay * (0.75 + Math.random() / 2));
      }
    };
  }

  receive(text) {
    if (!text.startsWith('{"wa":')) {
      this.handlers.onShareDb(JSON.parse(text));
      return;
    }
    const message = JSON.parse(text);
    if (message.wa !== 'reply') {
      this.handlers.onWebstrates(message);
      return;
    }
    const request = this.requests.get(message.token);
    if (!request) return;
    this.requests.delete(message.token);
    if (message.error !== undefined) request.reject(Object.assign(new Error(message.error),
      message.code === undefined ? {} : { code: message.code }));
    else request.resolve(message.reply);
  }

  /** Sends one message if the socket is open; returns whether it was sent. */
  send(message) {
    if (!this.isOpen) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** Sends a Webstrates request with a token; resolves with the reply, rejects with its error. */
  request(message) {
    return new Promise((resolve, reject) => {
      const token = this.nextToken++;
      if (!this.send({ ...message, token })) {
        reject(new Error('Not connected'));
        return;
      }
      this.requests.set(token, { resolve, reject });
    });
  }

  failRequests() {
    for (const request of this.requests.values()) request.reject(new Error('Disconnected'));
    this.requests.clear();
  }

  /** Drops the socket; it reconnects as after any loss. */
  drop() {
    this.socket?.close();
  }

  /** Closes the socket and does not reconnect. */
  close() {
    this.stop();
    this.socket?.close();
  }

  /** From now on the connection stays closed: no reconnect, no keep-alive. */
  stop() {
    this.closedForGood = true;
    clearInterval(this.keepAlive);
  }
}

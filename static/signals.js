// Signals: short messages between clients on a page, on "document" or on an element's wid. The first
// listener on an id subscribes to it and the last one leaving unsubscribes; subscriptions are sent
// again after a reconnect.

export class Signals {
  /**
   * @param {import('./connection.js').Connection} connection
   * @param {string} webstrateId
   * @param {(id: string, message: any, senderId: string) => void} deliver
   */
  constructor(connection, webstrateId, deliver) {
    this.connection = connection;
    this.webstrateId = webstrateId;
    this.deliver = deliver;
    this.counts = new Map();
    /** Whether the server has us on the page (after hello); subscriptions wait for it. */
    this.online = false;
  }

  listen(id) {
    const n = (this.counts.get(id) || 0) + 1;
    this.counts.set(id, n);
    if (n === 1 && this.online) this.send('subscribe', id);
  }

  unlisten(id) {
    const n = (this.counts.get(id) || 0) - 1;
    if (n > 0) {
      this.counts.set(id, n);
      return;
    }
    this.counts.delete(id);
    if (this.online) this.send('unsubscribe', id);
  }

  /** On the page (again): send every subscription. */
  greeted() {
    this.online = true;
    for (const id of this.counts.keys()) this.send('subscribe', id);
  }

  disconnected() {
    this.online = false;
  }

  publish(id, message, recipients) {
    const m = { wa: 'publish', d: this.webstrateId, id, m: message };
    if (recipients !== undefined) m.recipients = recipients;
    if (!this.online || !this.connection.send(m)) console.warn('weft: not connected; the signal was not sent');
  }

  receive(message) {
    this.deliver(message.id, message.m, message.s);
  }

  send(action, id) {
    this.connection.send({ wa: action, d: this.webstrateId, id });
  }
}

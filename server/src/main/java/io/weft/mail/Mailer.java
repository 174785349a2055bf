package io.weft.mail;

import io.vertx.core.Future;
import io.weft.store.Letter;

/** Hands a letter on: to an SMTP server, or to a file a person can open. Fails with the server's words. */
public interface Mailer {
  Future<Void> send(Letter letter);

  /** Where mail goes, for the start-up log. */
  String describe();
}

package io.weft.http;

import io.vertx.ext.web.Router;

/** Username + email + password accounts: sign-up, login (pages and form posts) under {@code /auth/local}. */
public final class LocalLoginRoutes {
  /** Adds the local provider's routes to the {@code /auth/} router. */
  void mount(Router router) {
  }
}

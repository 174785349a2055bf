package io.weft.mail;

import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.weft.config.WeftConfig;
import io.weft.store.Letter;
import java.nio.file.Path;
import java.util.Locale;

/** The mailer the settings ask for: SMTP at {@code mail.host}, or {@code .eml} files without one. */
public final class Mailers {
  private Mailers() {
  }

  public static Mailer of(Vertx vertx, WeftConfig.Mail config, Path dataDir) {
    if (config.toFiles()) {
      return new EmlMailer(vertx, dataDir.resolve("outbox"), config.from());
    }
    MailConfig smtp = new MailConfig()
        .setHostname(config.host())
        .setPort(config.port())
        .setStarttls(StartTLSOptions.valueOf(config.starttls().toUpperCase(Locale.ROOT)))
        .setLogin(config.username().isEmpty() ? LoginOption.DISABLED : LoginOption.REQUIRED)
        .setUsername(config.username().isEmpty() ? null : config.username())
        .setPassword(config.password().isEmpty() ? null : config.password())
        .setKeepAlive(false);
    MailClient client = MailClient.create(vertx, smtp);
    return new Mailer() {
      @Override
      public io.vertx.core.Future<Void> send(Letter letter) {
        return client.sendMail(message(config.from(), letter)).mapEmpty();
      }

      @Override
      public String describe() {
        return "SMTP at " + config.host() + ":" + config.port();
      }
    };
  }

  static MailMessage message(String from, Letter letter) {
    return new MailMessage().setFrom(from).setTo(letter.to()).setSubject(letter.subject())
        .setText(letter.text()).setHtml(letter.html());
  }
}

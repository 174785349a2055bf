package io.weft.auth;

import io.weft.user.Usernames;
import io.weft.user.User;
import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.weft.store.AccountStore;
import io.weft.store.AccountStore.StoredAccount;
import java.text.Normalizer;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code local} login provider's accounts: a username, an email and a password. Each is stored
 * under the lower-cased username, so names are unique whatever their case; emails are stored
 * lower-cased, and unique too. Only an Argon2id hash of each password is stored.
 *
 * <p>Nothing this class answers tells whether an account exists: a login that matches no account
 * still spends one password verification (against {@link #DUMMY_HASH}), and fails like a wrong password.
 */
public final class LocalAccounts {
  private static final Logger LOG = LoggerFactory.getLogger(LocalAccounts.class);
  public static final String PROVIDER = "local";
  public static final int MAX_EMAIL_LENGTH = 254;
  public static final int MIN_PASSWORD_LENGTH = 8;
  public static final int MAX_PASSWORD_LENGTH = 1024;
  /** OWASP's Argon2id minimum: 19 MiB, 2 passes, 1 lane; a 32-byte tag. About 100 ms on one core. */
  private static final Argon2Function ARGON2 = Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID);
  private static final int SALT_BYTES = 16;
  /** The hash of a random, forgotten password: verified against when no account matches, for equal timing. */
  private static final String DUMMY_HASH =
      "$argon2id$v=19$m=19456,t=2,p=1$tugWuEuZZy1Ye1223NWdDg$jLmzes2/vHlFBRv6SS3Hx4+glkKsz1IgCrsYURYxY50";
  public static final String TAKEN = "That username or email is already in use";

  private final AccountStore store;
  /**
   * Runs the password checks of logins: one thread per core, so a burst of logins queues rather than
   * taking every worker thread and 19 MiB of memory per hash in flight.
   */
  private final WorkerExecutor hashing;
  /**
   * Hashes new accounts' passwords: one thread of its own, so a flood of sign-ups queues there and
   * logins never wait behind it.
   */
  private final WorkerExecutor signupHashing;

  private LocalAccounts(AccountStore store, WorkerExecutor hashing, WorkerExecutor signupHashing) {
    this.store = store;
    this.hashing = hashing;
    this.signupHashing = signupHashing;
  }

  /** The accounts in {@code store}. */
  public static LocalAccounts open(Vertx vertx, AccountStore store) {
    WorkerExecutor hashing = vertx.createSharedWorkerExecutor("weft-password-hashing",
        Runtime.getRuntime().availableProcessors());
    return new LocalAccounts(store, hashing, vertx.createSharedWorkerExecutor("weft-signup-hashing", 1));
  }

  /** What became of a sign-up: the new account's user, or why there is none (for the person signing up). */
  public record SignUp(User user, boolean taken, String problem) {
    static SignUp created(User user) {
      return new SignUp(user, false, null);
    }

    static SignUp invalid(String problem) {
      return new SignUp(null, false, problem);
    }

    static SignUp alreadyTaken() {
      return new SignUp(null, true, TAKEN);
    }

    public boolean succeeded() {
      return user != null;
    }
  }

  /** Creates an account, unless a field is invalid or the username or email is in use. */
  public Future<SignUp> signUp(String username, String email, String password) {
    String name = username == null ? null : Usernames.normalized(username);
    String problem = Usernames.newNameProblem(name);
    if (problem == null) {
      problem = emailProblem(email);
    }
    if (problem == null) {
      problem = passwordProblem(password);
    }
    if (problem != null) {
      return Future.succeededFuture(SignUp.invalid(problem));
    }
    String id = key(name);
    String address = key(email);
    // Looking first spares the hashing for a name that is taken; the unique keys still decide races.
    return store.isTaken(id, address).compose(taken -> {
      if (taken) {
        return Future.succeededFuture(SignUp.alreadyTaken());
      }
      return hash(password).compose(hash -> store.insert(
          new StoredAccount(id, name, address, hash, System.currentTimeMillis()))).map(inserted -> {
            if (!inserted) {
              return SignUp.alreadyTaken();
            }
            LOG.info("created local account {}", name);
            return SignUp.created(user(name));
          });
    });
  }

  /**
   * The user whose username or email is {@code login} (any case) if {@code password} is theirs, else null.
   * Costs one password verification whether or not such an account exists.
   */
  public Future<User> logIn(String login, String password) {
    if (login == null || password == null || password.length() > MAX_PASSWORD_LENGTH) {
      return Future.succeededFuture(null);
    }
    String key = key(login);
    // Usernames have no '@', so a login with one can only be an email.
    Future<StoredAccount> found = key.indexOf('@') >= 0 ? store.byEmail(key) : store.byKey(key);
    return found.compose(account -> {
      String hash = account == null ? DUMMY_HASH : account.passwordHash();
      return verify(password, hash).map(matches -> matches && account != null ? user(account.username()) : null);
    });
  }

  /** How logins and sign-ups compare names and emails: stripped, NFKC, lower-cased. */
  public static String key(String login) {
    return Usernames.normalized(login).toLowerCase(Locale.ROOT);
  }

  private static User user(String username) {
    return new User(username, PROVIDER, username);
  }

  private Future<String> hash(String password) {
    return signupHashing.executeBlocking(() -> Password.hash(password).addRandomSalt(SALT_BYTES).with(ARGON2).getResult(),
        false);
  }

  private Future<Boolean> verify(String password, String hash) {
    // The parameters come from the stored hash, so accounts hashed with older settings still log in.
    return hashing.executeBlocking(() -> Password.check(password, hash)
        .with(Argon2Function.getInstanceFromHash(hash)), false);
  }

  /** Null if {@code email} looks like an address (one '@', something either side, no spaces), else why not. */
  static String emailProblem(String email) {
    if (email == null || email.isBlank()) {
      return "Enter your email address";
    }
    String address = email.strip();
    int at = address.indexOf('@');
    if (address.length() > MAX_EMAIL_LENGTH || at <= 0 || at != address.lastIndexOf('@')
        || at == address.length() - 1 || address.codePoints().anyMatch(LocalAccounts::isSpaceOrControl)) {
      return "That does not look like an email address";
    }
    return null;
  }

  private static boolean isSpaceOrControl(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
        || Character.getType(c) == Character.FORMAT;
  }

  /** Null if {@code password} is acceptable, else why not. */
  static String passwordProblem(String password) {
    if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
      return "A password needs at least " + MIN_PASSWORD_LENGTH + " characters";
    }
    if (password.length() > MAX_PASSWORD_LENGTH) {
      return "A password may have at most " + MAX_PASSWORD_LENGTH + " characters";
    }
    return null;
  }
}

package io.weft.invite;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.weft.access.Rights;
import io.weft.auth.Secrets;
import io.weft.user.User;
import io.weft.store.mongo.Records;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored invites and their acceptances. Only a hash of each key is kept, as the record's id, so a key is
 * found by hashing what was typed: no comparison ever runs over the key itself. Uses are counted with
 * one conditional update, so an invite for ten is accepted by ten however many try at once.
 */
public final class Invites {
  private static final Logger LOG = LoggerFactory.getLogger(Invites.class);
  static final String COLLECTION = "invites";
  static final String ACCEPTANCES = "inviteAcceptances";
  /**
   * An ended invite (expired or cancelled) is kept this long before the sweep deletes it, with its
   * acceptances, so a late click on its link says what happened rather than "unknown".
   */
  static final long KEEP_ENDED_MILLIS = 7L * 24 * 3600 * 1000;
  private static final long SWEEP_MILLIS = 10 * 60 * 1000;
  /** Keys are base64url of 256 bits: anything much longer is not one, and is not worth hashing. */
  private static final int MAX_KEY_LENGTH = 128;
  /** Most acceptances listed per invite (the newest); the count of uses is always exact. */
  static final int MAX_LISTED_ACCEPTANCES = 100;

  private final Records records;

  private Invites(Records records) {
    this.records = records;
  }

  public static Future<Invites> start(Vertx vertx, Records records) {
    Invites invites = new Invites(records);
    return records.createIndex(COLLECTION, Indexes.ascending("inviteId"), new IndexOptions().unique(true))
        .compose(v -> records.createIndex(COLLECTION, Indexes.ascending("doc"), new IndexOptions()))
        .compose(v -> records.createIndex(ACCEPTANCES, Indexes.ascending("invite"), new IndexOptions()))
        .map(v -> {
          vertx.setPeriodic(SWEEP_MILLIS, id -> invites.sweep(System.currentTimeMillis()).onFailure(e ->
              LOG.warn("removing ended invites failed", e)));
          return invites;
        });
  }

  /** A new invite and its key, which is shown once and never stored. */
  public record Created(String key, Invite invite) {
  }

  /** Who accepted an invite, when, and their rights on the document before and after. */
  public record Acceptance(User user, long atMillis, Rights before, Rights after) {
  }

  Future<Created> create(String docId, User creator, Rights rights, int seconds, int maxUses) {
    String key = Secrets.random(256);
    long now = System.currentTimeMillis();
    Invite invite = new Invite(Secrets.random(72), docId, rights, creator, now, now + seconds * 1000L, maxUses, 0, 0);
    Document record = new Document("_id", Secrets.hash(key))
        .append("inviteId", invite.id())
        .append("doc", docId)
        .append("rights", rights.toString())
        .append("username", creator.username())
        .append("provider", creator.provider())
        .append("displayName", creator.displayName())
        .append("createdAt", new Date(now))
        .append("expiresAt", new Date(invite.expiresAtMillis()))
        .append("maxUses", maxUses)
        .append("uses", 0);
    return records.insert(COLLECTION, record).map(v -> new Created(key, invite));
  }

  /** The invite {@code key} opens on {@code docId}, in whatever state it is; null if there is none. */
  Future<Invite> byKey(String key, String docId) {
    // Hashed whatever it is, so a malformed key takes as long to refuse as a well-formed wrong one.
    String hash = Secrets.hash(key == null || key.length() > MAX_KEY_LENGTH ? "" : key);
    return records.find(COLLECTION, Filters.and(Filters.eq("_id", hash), Filters.eq("doc", docId)))
        .map(record -> record == null ? null : decode(record));
  }

  /** {@code creator}'s invites for {@code docId} that have not expired or been cancelled, oldest first. */
  Future<List<Invite>> activeOf(String docId, User creator) {
    return records.findAll(COLLECTION, Filters.and(Filters.eq("doc", docId), Filters.eq("username", creator.username()),
            Filters.eq("provider", creator.provider()), Filters.gt("expiresAt", new Date()),
            Filters.exists("removedAt", false)))
        .map(found -> found.stream().map(Invites::decode)
            .sorted(java.util.Comparator.comparingLong(Invite::createdAtMillis)).toList());
  }

  /** Cancels the invite of {@code docId} named by its key or its id; null if there was no such live invite. */
  Future<Invite> cancel(String docId, String keyOrId) {
    if (keyOrId == null || keyOrId.isEmpty() || keyOrId.length() > MAX_KEY_LENGTH) {
      return Future.succeededFuture(null);
    }
    Bson which = Filters.or(Filters.eq("_id", Secrets.hash(keyOrId)), Filters.eq("inviteId", keyOrId));
    return records.update(COLLECTION, Filters.and(which, Filters.eq("doc", docId), Filters.exists("removedAt", false)),
        Updates.set("removedAt", new Date())).map(record -> record == null ? null : decode(record));
  }

  /**
   * Takes one use of the invite if it has one left and is still live, in one atomic step; completes
   * with the invite as it is now if it took one, else null.
   */
  Future<Invite> takeUse(Invite invite) {
    Bson live = Filters.and(Filters.eq("inviteId", invite.id()), Filters.exists("removedAt", false),
        Filters.gt("expiresAt", new Date()));
    Bson filter = invite.maxUses() == 0 ? live : Filters.and(live, Filters.lt("uses", invite.maxUses()));
    return records.update(COLLECTION, filter, Updates.inc("uses", 1)).map(record -> record == null ? null : decode(record));
  }

  /** Gives back a use taken for an acceptance that did not go through. */
  Future<Void> returnUse(Invite invite) {
    return records.update(COLLECTION, Filters.and(Filters.eq("inviteId", invite.id()), Filters.gt("uses", 0)),
        Updates.inc("uses", -1)).mapEmpty();
  }

  /** The invite's current state, by its id. */
  Future<Invite> byId(String inviteId) {
    return records.find(COLLECTION, Filters.eq("inviteId", inviteId)).map(record -> record == null ? null : decode(record));
  }

  // ---- acceptances: one record per (invite, user), claimed before the use is taken ----

  /** A user's claim on an invite: whether this call made it, and if not, the earlier one. */
  record Claim(boolean fresh, boolean accepted, long claimedAtMillis) {
  }

  /**
   * Claims the invite for {@code user}: at most one claim per invite and user ever exists, so two
   * accepts by one user race for it and only the winner takes a use.
   */
  Future<Claim> claim(Invite invite, User user) {
    long now = System.currentTimeMillis();
    Document record = new Document("_id", acceptanceId(invite, user))
        .append("invite", invite.id())
        .append("doc", invite.docId())
        .append("username", user.username())
        .append("provider", user.provider())
        .append("displayName", user.displayName())
        .append("claimedAt", new Date(now))
        .append("inviteExpiresAt", new Date(invite.expiresAtMillis()));
    return records.insert(ACCEPTANCES, record).map(v -> new Claim(true, false, now))
        .recover(e -> e instanceof Records.DuplicateRecordException
            ? records.find(ACCEPTANCES, Filters.eq("_id", acceptanceId(invite, user))).map(existing -> existing == null
                ? new Claim(true, false, now)
                : new Claim(false, existing.containsKey("acceptedAt"), existing.getDate("claimedAt").getTime()))
            : Future.failedFuture(e));
  }

  /** Drops a claim whose acceptance did not go through, so the user may try again. */
  Future<Void> release(Invite invite, User user) {
    return records.delete(ACCEPTANCES, Filters.eq("_id", acceptanceId(invite, user))).mapEmpty();
  }

  /** Completes a claim: the user now has {@code after} (they had {@code before}). */
  Future<Void> recordAcceptance(Invite invite, User user, Rights before, Rights after) {
    return records.update(ACCEPTANCES, Filters.eq("_id", acceptanceId(invite, user)), Updates.combine(
        Updates.set("acceptedAt", new Date()), Updates.set("before", before.toString()),
        Updates.set("after", after.toString()))).mapEmpty();
  }

  /** The completed acceptances of each invite, newest first, at most {@link #MAX_LISTED_ACCEPTANCES} each. */
  Future<Map<String, List<Acceptance>>> acceptancesOf(List<Invite> invites) {
    if (invites.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    List<String> ids = invites.stream().map(Invite::id).toList();
    return records.findAll(ACCEPTANCES, Filters.and(Filters.in("invite", ids), Filters.exists("acceptedAt", true)))
        .map(found -> {
          Map<String, List<Acceptance>> out = new LinkedHashMap<>();
          found.sort((a, b) -> b.getDate("acceptedAt").compareTo(a.getDate("acceptedAt")));
          for (Document d : found) {
            List<Acceptance> list = out.computeIfAbsent(d.getString("invite"), k -> new ArrayList<>());
            if (list.size() < MAX_LISTED_ACCEPTANCES) {
              list.add(new Acceptance(new User(d.getString("username"), d.getString("provider"),
                  d.getString("displayName")), d.getDate("acceptedAt").getTime(), Rights.parse(d.getString("before")),
                  Rights.parse(d.getString("after"))));
            }
          }
          return out;
        });
  }

  private static String acceptanceId(Invite invite, User user) {
    return invite.id() + ":" + user.userId();
  }

  /**
   * Deletes invites that ended (expired, or were cancelled) more than {@link #KEEP_ENDED_MILLIS} before
   * {@code now}, and the acceptances of expired ones. There is no TTL index to do it on every store.
   */
  public Future<Void> sweep(long now) {
    Date cutoff = new Date(now - KEEP_ENDED_MILLIS);
    return records.delete(COLLECTION, Filters.or(Filters.lt("expiresAt", cutoff), Filters.lt("removedAt", cutoff)))
        .compose(n -> records.delete(ACCEPTANCES, Filters.lt("inviteExpiresAt", cutoff)))
        .mapEmpty();
  }

  private static Invite decode(Document record) {
    Date removed = record.getDate("removedAt");
    return new Invite(record.getString("inviteId"), record.getString("doc"), Rights.parse(record.getString("rights")),
        new User(record.getString("username"), record.getString("provider"), record.getString("displayName")),
        record.getDate("createdAt").getTime(), record.getDate("expiresAt").getTime(),
        record.get("maxUses", Number.class).intValue(), record.get("uses", Number.class).intValue(),
        removed == null ? 0 : removed.getTime());
  }
}

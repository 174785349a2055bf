package io.weft.store.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.weft.access.Rights;
import io.weft.store.EmailInviteStore;
import io.weft.user.User;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Email invitations in {@code emailInvites} (id: the invitation id; the token hash unique beside it),
 * one note per mail sent in {@code inviteMails}, proven addresses in {@code verifiedEmails} and the
 * tokens mailed to prove them in {@code emailVerifications}.
 */
public final class MongoEmailInviteStore implements EmailInviteStore {
  static final String INVITES = "emailInvites";
  static final String MAILS = "inviteMails";
  static final String VERIFIED = "verifiedEmails";
  static final String VERIFICATIONS = "emailVerifications";

  private final Records records;

  MongoEmailInviteStore(Records records) {
    this.records = records;
  }

  Future<Void> createIndexes() {
    return records.createIndex(INVITES, Indexes.ascending("tokenHash"), new IndexOptions().unique(true))
        .compose(v -> records.createIndex(INVITES, Indexes.ascending("doc"), new IndexOptions()))
        .compose(v -> records.createIndex(INVITES, Indexes.ascending("email"), new IndexOptions()))
        .compose(v -> records.createIndex(MAILS, Indexes.ascending("at"), new IndexOptions()));
  }

  @Override
  public Future<Boolean> insert(StoredEmailInvite i) {
    Document record = new Document("_id", i.id())
        .append("tokenHash", i.tokenHash())
        .append("doc", i.docId())
        .append("email", i.email())
        .append("rights", i.rights().toString())
        .append("message", i.message())
        .append("inviter", person(i.inviter()))
        .append("createdAt", new Date(i.createdAtMillis()))
        .append("expiresAt", new Date(i.expiresAtMillis()))
        .append("status", i.status())
        .append("statusAt", new Date(i.statusAtMillis()))
        .append("by", i.by() == null ? null : person(i.by()))
        .append("claimedAt", new Date(i.claimedAtMillis()))
        .append("mailId", i.mailId())
        .append("delivery", i.delivery())
        .append("attempts", i.attempts())
        .append("lastError", i.lastError())
        .append("sentAt", new Date(i.sentAtMillis()))
        .append("resends", i.resends());
    return records.insert(INVITES, record);
  }

  @Override
  public Future<StoredEmailInvite> byId(String id) {
    return records.find(INVITES, Filters.eq("_id", id)).map(MongoEmailInviteStore::invite);
  }

  @Override
  public Future<StoredEmailInvite> byTokenHash(String tokenHash) {
    return records.find(INVITES, Filters.eq("tokenHash", tokenHash)).map(MongoEmailInviteStore::invite);
  }

  @Override
  public Future<List<StoredEmailInvite>> ofDocument(String docId, String email) {
    Bson filter = email == null ? Filters.eq("doc", docId) : Filters.and(Filters.eq("doc", docId), Filters.eq("email", email));
    return records.findAll(INVITES, filter).map(MongoEmailInviteStore::invites);
  }

  @Override
  public Future<List<StoredEmailInvite>> toAddress(String email, String status) {
    return records.findAll(INVITES, Filters.and(Filters.eq("email", email), Filters.eq("status", status)))
        .map(MongoEmailInviteStore::invites);
  }

  @Override
  public Future<List<StoredEmailInvite>> expiredPending(long nowMillis) {
    return records.findAll(INVITES, Filters.and(Filters.eq("status", "pending"),
        Filters.lte("expiresAt", new Date(nowMillis)))).map(MongoEmailInviteStore::invites);
  }

  @Override
  public Future<StoredEmailInvite> moveStatus(String id, List<String> from, String to, long atMillis,
      long aliveAtMillis, String tokenHash, User by, long claimedAtMillis) {
    List<Bson> conditions = new ArrayList<>(List.of(Filters.eq("_id", id), Filters.in("status", from)));
    if (aliveAtMillis > 0) {
      conditions.add(Filters.gt("expiresAt", new Date(aliveAtMillis)));
    }
    if (tokenHash != null) {
      conditions.add(Filters.eq("tokenHash", tokenHash));
    }
    return records.update(INVITES, Filters.and(conditions), Updates.combine(Updates.set("status", to),
            Updates.set("statusAt", new Date(atMillis)), Updates.set("by", by == null ? null : person(by)),
            Updates.set("claimedAt", new Date(claimedAtMillis))))
        .map(MongoEmailInviteStore::invite);
  }

  @Override
  public Future<StoredEmailInvite> expire(String id, long nowMillis) {
    Date now = new Date(nowMillis);
    return records.update(INVITES, Filters.and(Filters.eq("_id", id), Filters.eq("status", "pending"),
            Filters.lte("expiresAt", now)), Updates.combine(Updates.set("status", "expired"), Updates.set("statusAt", now)))
        .map(MongoEmailInviteStore::invite);
  }

  @Override
  public Future<StoredEmailInvite> renew(String id, String oldTokenHash, String newTokenHash, long expiresAtMillis,
      long nowMillis, String mailId, List<Long> resends) {
    return records.update(INVITES, Filters.and(Filters.eq("_id", id), Filters.eq("tokenHash", oldTokenHash),
            Filters.in("status", List.of("pending", "expired"))), Updates.combine(
            Updates.set("tokenHash", newTokenHash), Updates.set("expiresAt", new Date(expiresAtMillis)),
            Updates.set("status", "pending"), Updates.set("statusAt", new Date(nowMillis)),
            Updates.set("mailId", mailId), Updates.set("delivery", "queued"), Updates.set("attempts", 0),
            Updates.set("lastError", null), Updates.set("sentAt", new Date(0)), Updates.set("resends", resends)))
        .map(MongoEmailInviteStore::invite);
  }

  @Override
  public Future<StoredEmailInvite> delivery(String id, String mailId, String delivery, int attempts, String lastError,
      long sentAtMillis) {
    return records.update(INVITES, Filters.and(Filters.eq("_id", id), Filters.eq("mailId", mailId)), Updates.combine(
            Updates.set("delivery", delivery), Updates.set("attempts", attempts), Updates.set("lastError", lastError),
            Updates.set("sentAt", new Date(sentAtMillis))))
        .map(MongoEmailInviteStore::invite);
  }

  @Override
  public Future<Void> logMail(String inviterId, String email, long atMillis) {
    return records.insert(MAILS, new Document("_id", new org.bson.types.ObjectId().toHexString())
        .append("inviter", inviterId).append("email", email).append("at", new Date(atMillis))).mapEmpty();
  }

  @Override
  public Future<Long> mailsBy(String inviterId, long sinceMillis) {
    return records.count(MAILS, Filters.and(Filters.eq("inviter", inviterId), Filters.gte("at", new Date(sinceMillis))));
  }

  @Override
  public Future<Long> mailsTo(String email, long sinceMillis) {
    return records.count(MAILS, Filters.and(Filters.eq("email", email), Filters.gte("at", new Date(sinceMillis))));
  }

  @Override
  public Future<Void> markVerified(String email, long atMillis) {
    return records.insert(VERIFIED, new Document("_id", email).append("at", new Date(atMillis))).mapEmpty();
  }

  @Override
  public Future<Boolean> isVerified(String email) {
    return records.find(VERIFIED, Filters.eq("_id", email)).map(r -> r != null);
  }

  @Override
  public Future<Boolean> insertVerification(String tokenHash, String email, long expiresAtMillis) {
    return records.insert(VERIFICATIONS, new Document("_id", tokenHash).append("email", email)
        .append("expiresAt", new Date(expiresAtMillis)));
  }

  @Override
  public Future<String> takeVerification(String tokenHash, long nowMillis) {
    return records.find(VERIFICATIONS, Filters.and(Filters.eq("_id", tokenHash), Filters.gt("expiresAt",
            new Date(nowMillis))))
        .compose(found -> found == null ? Future.succeededFuture(null)
            : records.delete(VERIFICATIONS, Filters.eq("_id", tokenHash)).map(n -> n > 0 ? found.getString("email") : null));
  }

  @Override
  public Future<Void> deleteEnded(long cutoffMillis, long mailLogCutoffMillis) {
    return records.delete(INVITES, Filters.and(Filters.nin("status", List.of("pending", "accepting")),
            Filters.lt("statusAt", new Date(cutoffMillis))))
        .compose(n -> records.delete(MAILS, Filters.lt("at", new Date(mailLogCutoffMillis))))
        .compose(n -> records.delete(VERIFICATIONS, Filters.lt("expiresAt", new Date(mailLogCutoffMillis))))
        .mapEmpty();
  }

  private static Document person(User user) {
    return new Document("username", user.username()).append("provider", user.provider())
        .append("displayName", user.displayName());
  }

  private static User user(Document d) {
    return d == null ? null : new User(d.getString("username"), d.getString("provider"), d.getString("displayName"));
  }

  private static List<StoredEmailInvite> invites(List<Document> found) {
    return found.stream().map(MongoEmailInviteStore::invite).toList();
  }

  @SuppressWarnings("unchecked")
  private static StoredEmailInvite invite(Document r) {
    if (r == null) {
      return null;
    }
    List<Long> resends = new ArrayList<>();
    for (Object o : r.get("resends", List.class)) {
      resends.add(((Number) o).longValue());
    }
    return new StoredEmailInvite(r.getString("_id"), r.getString("tokenHash"), r.getString("doc"), r.getString("email"),
        Rights.parse(r.getString("rights")), r.getString("message"), user(r.get("inviter", Document.class)),
        r.getDate("createdAt").getTime(), r.getDate("expiresAt").getTime(), r.getString("status"),
        r.getDate("statusAt").getTime(), user(r.get("by", Document.class)), r.getDate("claimedAt").getTime(),
        r.getString("mailId"), r.getString("delivery"), r.get("attempts", Number.class).intValue(),
        r.getString("lastError"), r.getDate("sentAt").getTime(), resends);
  }
}

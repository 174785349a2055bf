package io.weft.store.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.weft.access.Rights;
import io.weft.store.InviteStore;
import io.weft.user.User;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Invites in the {@code invites} collection, each record's id the hash of its key; claims in
 * {@code inviteAcceptances}, each record's id naming the invite and the user, so one user has at most
 * one claim per invite. Uses are counted by one conditional update.
 */
public final class MongoInviteStore implements InviteStore {
  static final String INVITES = "invites";
  static final String ACCEPTANCES = "inviteAcceptances";

  private final Records records;

  MongoInviteStore(Records records) {
    this.records = records;
  }

  Future<Void> createIndexes() {
    return records.createIndex(INVITES, Indexes.ascending("inviteId"), new IndexOptions().unique(true))
        .compose(v -> records.createIndex(INVITES, Indexes.ascending("doc"), new IndexOptions()))
        .compose(v -> records.createIndex(ACCEPTANCES, Indexes.ascending("invite"), new IndexOptions()));
  }

  @Override
  public Future<Boolean> insert(StoredInvite invite) {
    Document record = new Document("_id", invite.keyHash())
        .append("inviteId", invite.id())
        .append("doc", invite.docId())
        .append("rights", invite.rights().toString())
        .append("username", invite.creator().username())
        .append("provider", invite.creator().provider())
        .append("displayName", invite.creator().displayName())
        .append("createdAt", new Date(invite.createdAtMillis()))
        .append("expiresAt", new Date(invite.expiresAtMillis()))
        .append("maxUses", invite.maxUses())
        .append("uses", invite.uses());
    if (invite.removedAtMillis() != 0) {
      record.append("removedAt", new Date(invite.removedAtMillis()));
    }
    return records.insert(INVITES, record);
  }

  @Override
  public Future<StoredInvite> byKeyHash(String keyHash, String docId) {
    return records.find(INVITES, Filters.and(Filters.eq("_id", keyHash), Filters.eq("doc", docId)))
        .map(MongoInviteStore::invite);
  }

  @Override
  public Future<StoredInvite> byId(String id) {
    return records.find(INVITES, Filters.eq("inviteId", id)).map(MongoInviteStore::invite);
  }

  @Override
  public Future<List<StoredInvite>> liveOf(String docId, User creator, long nowMillis) {
    return records.findAll(INVITES, Filters.and(Filters.eq("doc", docId), Filters.eq("username", creator.username()),
            Filters.eq("provider", creator.provider()), Filters.gt("expiresAt", new Date(nowMillis)),
            Filters.exists("removedAt", false)))
        .map(found -> found.stream().map(MongoInviteStore::invite).toList());
  }

  @Override
  public Future<StoredInvite> cancel(String docId, String keyHash, String id, long nowMillis) {
    Bson which = Filters.or(Filters.eq("_id", keyHash), Filters.eq("inviteId", id));
    return records.update(INVITES, Filters.and(which, Filters.eq("doc", docId), Filters.exists("removedAt", false)),
        Updates.set("removedAt", new Date(nowMillis))).map(MongoInviteStore::invite);
  }

  @Override
  public Future<StoredInvite> takeUse(String id, int maxUses, long nowMillis) {
    Bson live = Filters.and(Filters.eq("inviteId", id), Filters.exists("removedAt", false),
        Filters.gt("expiresAt", new Date(nowMillis)));
    Bson filter = maxUses == 0 ? live : Filters.and(live, Filters.lt("uses", maxUses));
    return records.update(INVITES, filter, Updates.inc("uses", 1)).map(MongoInviteStore::invite);
  }

  @Override
  public Future<Boolean> returnUse(String id) {
    return records.update(INVITES, Filters.and(Filters.eq("inviteId", id), Filters.gt("uses", 0)),
        Updates.inc("uses", -1)).map(r -> r != null);
  }

  @Override
  public Future<Boolean> claim(StoredAcceptance claim) {
    Document record = new Document("_id", acceptanceId(claim.inviteId(), claim.user()))
        .append("invite", claim.inviteId())
        .append("doc", claim.docId())
        .append("username", claim.user().username())
        .append("provider", claim.user().provider())
        .append("displayName", claim.user().displayName())
        .append("claimedAt", new Date(claim.claimedAtMillis()))
        .append("inviteExpiresAt", new Date(claim.inviteExpiresAtMillis()))
        .append("useTaken", claim.useTaken());
    if (claim.acceptedAtMillis() != 0) {
      record.append("acceptedAt", new Date(claim.acceptedAtMillis()))
          .append("before", claim.before().toString())
          .append("after", claim.after().toString());
    }
    return records.insert(ACCEPTANCES, record);
  }

  @Override
  public Future<StoredAcceptance> claimOf(String inviteId, User user) {
    return records.find(ACCEPTANCES, Filters.eq("_id", acceptanceId(inviteId, user))).map(MongoInviteStore::acceptance);
  }

  @Override
  public Future<Boolean> markUseTaken(String inviteId, User user, long claimedAtMillis) {
    return records.update(ACCEPTANCES, Filters.and(Filters.eq("_id", acceptanceId(inviteId, user)),
        Filters.eq("claimedAt", new Date(claimedAtMillis))), Updates.set("useTaken", true)).map(r -> r != null);
  }

  @Override
  public Future<StoredAcceptance> reclaim(String inviteId, User user, long claimedAtMillis, long nowMillis) {
    return records.update(ACCEPTANCES, Filters.and(Filters.eq("_id", acceptanceId(inviteId, user)),
            Filters.eq("claimedAt", new Date(claimedAtMillis)), Filters.exists("acceptedAt", false)),
        Updates.set("claimedAt", new Date(nowMillis))).map(MongoInviteStore::acceptance);
  }

  @Override
  public Future<Boolean> release(String inviteId, User user) {
    return records.delete(ACCEPTANCES, Filters.eq("_id", acceptanceId(inviteId, user))).map(n -> n > 0);
  }

  @Override
  public Future<Boolean> accept(String inviteId, User user, long atMillis, Rights before, Rights after) {
    return records.update(ACCEPTANCES, Filters.eq("_id", acceptanceId(inviteId, user)), Updates.combine(
        Updates.set("acceptedAt", new Date(atMillis)), Updates.set("before", before.toString()),
        Updates.set("after", after.toString()))).map(r -> r != null);
  }

  @Override
  public Future<List<StoredAcceptance>> acceptancesOf(List<String> inviteIds) {
    if (inviteIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return records.findAll(ACCEPTANCES, Filters.and(Filters.in("invite", inviteIds), Filters.exists("acceptedAt", true)))
        .map(found -> found.stream().map(MongoInviteStore::acceptance).toList());
  }

  @Override
  public Future<Void> deleteEnded(long cutoffMillis) {
    Date cutoff = new Date(cutoffMillis);
    return records.delete(INVITES, Filters.or(Filters.lt("expiresAt", cutoff), Filters.lt("removedAt", cutoff)))
        .compose(n -> records.delete(ACCEPTANCES, Filters.lt("inviteExpiresAt", cutoff)))
        .mapEmpty();
  }

  private static String acceptanceId(String inviteId, User user) {
    return inviteId + ":" + user.userId();
  }

  private static StoredInvite invite(Document r) {
    if (r == null) {
      return null;
    }
    return new StoredInvite(r.getString("_id"), r.getString("inviteId"), r.getString("doc"),
        Rights.parse(r.getString("rights")), user(r), r.getDate("createdAt").getTime(),
        r.getDate("expiresAt").getTime(), r.get("maxUses", Number.class).intValue(),
        r.get("uses", Number.class).intValue(), millis(r.getDate("removedAt")));
  }

  private static StoredAcceptance acceptance(Document r) {
    if (r == null) {
      return null;
    }
    String before = r.getString("before");
    String after = r.getString("after");
    return new StoredAcceptance(r.getString("invite"), r.getString("doc"), user(r), millis(r.getDate("claimedAt")),
        millis(r.getDate("inviteExpiresAt")), r.getBoolean("useTaken", false), millis(r.getDate("acceptedAt")),
        before == null ? null : Rights.parse(before), after == null ? null : Rights.parse(after));
  }

  private static User user(Document r) {
    return new User(r.getString("username"), r.getString("provider"), r.getString("displayName"));
  }

  private static long millis(Date date) {
    return date == null ? 0 : date.getTime();
  }
}

package io.weft.store.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.weft.access.Rights;
import io.weft.store.InteractiveInviteStore;
import io.weft.user.User;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Interactive invitations in the {@code interactiveInvites} collection, each record's id the
 * invitation's, its code hash under a unique index. The record's revision ({@code _rev}, raised by
 * every update) is the invitation's version, so a replace is one {@code findOneAndUpdate} on id and
 * revision: no transaction needed, and the journal replays it like any other record write.
 */
public final class MongoInteractiveInviteStore implements InteractiveInviteStore {
  static final String INVITATIONS = "interactiveInvites";

  private final Records records;

  MongoInteractiveInviteStore(Records records) {
    this.records = records;
  }

  Future<Void> createIndexes() {
    return records.createIndex(INVITATIONS, Indexes.ascending("codeHash"), new IndexOptions().unique(true))
        .compose(v -> records.createIndex(INVITATIONS, Indexes.ascending("doc"), new IndexOptions()));
  }

  @Override
  public Future<Boolean> insert(StoredInvitation invitation) {
    Document record = new Document("_id", invitation.id())
        .append("codeHash", invitation.codeHash())
        .append("doc", invitation.docId())
        .append("rights", invitation.rights().toString())
        .append("username", invitation.inviter().username())
        .append("provider", invitation.inviter().provider())
        .append("displayName", invitation.inviter().displayName())
        .append("createdAt", new Date(invitation.createdAtMillis()))
        .append("expiresAt", new Date(invitation.expiresAtMillis()))
        .append("multiUse", invitation.multiUse());
    changing(invitation).forEach(record::append);
    return records.insert(INVITATIONS, record);
  }

  @Override
  public Future<StoredInvitation> byCodeHash(String codeHash) {
    return records.find(INVITATIONS, Filters.eq("codeHash", codeHash)).map(MongoInteractiveInviteStore::invitation);
  }

  @Override
  public Future<StoredInvitation> byId(String id) {
    return records.find(INVITATIONS, Filters.eq("_id", id)).map(MongoInteractiveInviteStore::invitation);
  }

  @Override
  public Future<List<StoredInvitation>> ofDocument(String docId) {
    return records.findAll(INVITATIONS, Filters.eq("doc", docId))
        .map(found -> found.stream().map(MongoInteractiveInviteStore::invitation).toList());
  }

  @Override
  public Future<StoredInvitation> replace(long expectedVersion, StoredInvitation next) {
    List<Bson> sets = new ArrayList<>();
    changing(next).forEach((field, value) -> sets.add(value == null ? Updates.unset(field) : Updates.set(field, value)));
    return records.update(INVITATIONS, Filters.and(Filters.eq("_id", next.id()),
            Filters.eq(Records.REVISION, expectedVersion)), Updates.combine(sets))
        .map(MongoInteractiveInviteStore::invitation);
  }

  @Override
  public Future<List<StoredInvitation>> due(List<String> openStates, long nowMillis) {
    Date now = new Date(nowMillis);
    return records.findAll(INVITATIONS, Filters.and(Filters.in("state", openStates),
            Filters.or(Filters.lte("expiresAt", now), Filters.and(Filters.gt("pinExpiresAt", new Date(0)),
                Filters.lte("pinExpiresAt", now)))))
        .map(found -> found.stream().map(MongoInteractiveInviteStore::invitation).toList());
  }

  @Override
  public Future<Boolean> delete(String id, long expectedVersion) {
    return records.delete(INVITATIONS, Filters.and(Filters.eq("_id", id), Filters.eq(Records.REVISION, expectedVersion)))
        .map(n -> n > 0);
  }

  @Override
  public Future<Void> deleteEnded(long cutoffMillis) {
    return records.delete(INVITATIONS, Filters.lt("expiresAt", new Date(cutoffMillis))).mapEmpty();
  }

  /** The fields a replace may change, null where absent. */
  private static Document changing(StoredInvitation i) {
    Document d = new Document("state", i.state())
        .append("guestUsername", i.guest() == null ? null : i.guest().username())
        .append("guestProvider", i.guest() == null ? null : i.guest().provider())
        .append("guestDisplayName", i.guest() == null ? null : i.guest().displayName())
        .append("pinHash", i.pinHash())
        .append("pinExpiresAt", new Date(i.pinExpiresAtMillis()))
        .append("wrongPins", i.wrongPins())
        .append("successes", i.successes());
    return d;
  }

  private static StoredInvitation invitation(Document r) {
    if (r == null) {
      return null;
    }
    User inviter = new User(r.getString("username"), r.getString("provider"), r.getString("displayName"));
    String guestName = r.getString("guestUsername");
    User guest = guestName == null ? null
        : new User(guestName, r.getString("guestProvider"), r.getString("guestDisplayName"));
    return new StoredInvitation(r.getString("_id"), r.getString("codeHash"), r.getString("doc"),
        Rights.parse(r.getString("rights")), inviter, r.getDate("createdAt").getTime(),
        r.getDate("expiresAt").getTime(), r.getBoolean("multiUse", false), r.getString("state"), guest,
        r.getString("pinHash"), r.getDate("pinExpiresAt").getTime(), r.get("wrongPins", Number.class).intValue(),
        r.get("successes", Number.class).intValue(), r.get(Records.REVISION, Number.class).longValue());
  }
}

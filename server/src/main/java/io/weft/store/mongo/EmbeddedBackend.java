package io.weft.store.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's H2 backend, with documents written as BSON ({@link StoredDocumentType}) and
 * unique indexes whose keys are ordered by value ({@link IndexKeyType}), where H2's defaults would
 * Java-serialise both.
 *
 * <p>The two orders differ, so these indexes live in maps of their own name. A store written before
 * them still has its indexes under the old names: they are dropped as each index is opened, and the
 * store fills the new, empty one from the collection. Documents need no such move: the old ones are
 * still read as they were written.
 */
final class EmbeddedBackend extends H2Backend {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBackend.class);
  private static final String DOCUMENTS = "databases.";
  private static final String META = "meta.";
  private static final String ORDERED_INDEX = "._ordered_index_";
  private static final String SERIALISED_INDEX = "._index_";

  EmbeddedBackend(MVStore store) {
    super(store);
  }

  /** Empties every index, so each is filled again from its collection when the store opens. */
  static void dropIndexes(MVStore store) {
    List<String> indexes = store.getMapNames().stream()
        .filter(name -> name.contains(ORDERED_INDEX) || name.contains(SERIALISED_INDEX)).toList();
    indexes.forEach(store::removeMap);
    LOG.info("the last stop was not clean: rebuilding {} indexes of the embedded store", indexes.size());
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String name) {
    return new Database(name);
  }

  /*
   * An inner class on purpose: H2Database opens its indexes from its constructor, before a
   * subclass could set a field, but an inner class's reference to its backend is set before that.
   */
  private final class Database extends H2Database {
    Database(String name) {
      super(name, getMvStore(), getCursorRegistry());
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collection, CollectionOptions options) {
      MVStore store = getMvStore();
      String namespace = getFullCollectionNamespace(collection);
      // The same map names H2Database gives them, so its drop, rename and listing still find them.
      MVMap<Object, Document> documents = store.openMap(DOCUMENTS + namespace,
          new MVMap.Builder<Object, Document>().valueType(StoredDocumentType.INSTANCE));
      MVMap<String, Object> meta = store.openMap(META + namespace);
      return new H2Collection(this, collection, options, documents, meta, cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(
        String collection, String indexName, List<IndexKey> keys, boolean sparse) {
      MVStore store = getMvStore();
      String namespace = getFullCollectionNamespace(collection);
      String serialised = namespace + SERIALISED_INDEX + indexName;
      if (store.hasMap(serialised)) {
        store.removeMap(serialised);
      }
      MVMap<KeyValue, Object> map = store.openMap(namespace + ORDERED_INDEX + indexName,
          new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE));
      return new OrderedUniqueIndex(map, indexName, keys, sparse);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
      super.dropIndex(collection, indexName);
      String namespace = getFullCollectionNamespace(collection.getCollectionName());
      getMvStore().removeMap(namespace + ORDERED_INDEX + indexName);
    }
  }
}

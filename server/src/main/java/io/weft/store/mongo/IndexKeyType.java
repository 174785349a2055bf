package io.weft.store.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import java.nio.ByteBuffer;
import java.util.Comparator;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded store keeps unique-index keys: stored as H2 stores any object, but ordered by
 * comparing their values. H2's default orders objects it does not know by Java-serialising both
 * sides on every comparison, which made the lookup and insert of each commit record's {@code _id}
 * the largest cost of a commit.
 */
final class IndexKeyType extends BasicDataType<KeyValue> {
  static final IndexKeyType INSTANCE = new IndexKeyType();

  private static final Comparator<Object> VALUES = ValueComparator.asc();
  private final ObjectDataType objects = new ObjectDataType();

  private IndexKeyType() {}

  @Override
  public int compare(KeyValue a, KeyValue b) {
    if (a == b) {
      return 0;
    }
    int shared = Math.min(a.size(), b.size());
    for (int i = 0; i < shared; i++) {
      int order = VALUES.compare(a.get(i), b.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  @Override
  public int getMemory(KeyValue key) {
    return objects.getMemory(key);
  }

  @Override
  public void write(WriteBuffer buffer, KeyValue key) {
    objects.write(buffer, key);
  }

  @Override
  public KeyValue read(ByteBuffer buffer) {
    return (KeyValue) objects.read(buffer);
  }

  @Override
  public KeyValue[] createStorage(int size) {
    return new KeyValue[size];
  }
}

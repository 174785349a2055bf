package io.weft.store.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import java.nio.ByteBuffer;
import java.util.Comparator;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded store keeps unique-index keys: ordered by comparing their values, and written
 * compactly when they hold only strings, numbers, booleans and nulls (anything else is Java-serialised).
 * H2's default Java-serialises both sides of every comparison, which made the lookup and insert of
 * each commit record's {@code _id} the largest cost of a commit.
 */
final class IndexKeyType extends BasicDataType<KeyValue> {
  static final IndexKeyType INSTANCE = new IndexKeyType();

  private static final Comparator<Object> VALUES = ValueComparator.asc();
  private static final byte SERIALISED = 0;
  private static final byte COMPACT = 1;
  private static final byte NULL = 0;
  private static final byte STRING = 1;
  private static final byte INT = 2;
  private static final byte LONG = 3;
  private static final byte DOUBLE = 4;
  private static final byte TRUE = 5;
  private static final byte FALSE = 6;
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
    int memory = 48;
    for (Object value : key) {
      memory += value instanceof String text ? 48 + text.length() : 24;
    }
    return memory;
  }

  @Override
  public void write(WriteBuffer buffer, KeyValue key) {
    for (Object value : key) {
      if (!(value == null || value instanceof String || value instanceof Integer || value instanceof Long
          || value instanceof Double || value instanceof Boolean)) {
        buffer.put(SERIALISED);
        objects.write(buffer, key);
        return;
      }
    }
    buffer.put(COMPACT).putVarInt(key.size());
    for (Object value : key) {
      if (value == null) {
        buffer.put(NULL);
      } else if (value instanceof String text) {
        buffer.put(STRING).putVarInt(text.length()).putStringData(text, text.length());
      } else if (value instanceof Integer number) {
        buffer.put(INT).putInt(number);
      } else if (value instanceof Long number) {
        buffer.put(LONG).putLong(number);
      } else if (value instanceof Double number) {
        buffer.put(DOUBLE).putDouble(number);
      } else {
        buffer.put((Boolean) value ? TRUE : FALSE);
      }
    }
  }

  @Override
  public KeyValue read(ByteBuffer buffer) {
    if (buffer.get() == SERIALISED) {
      return (KeyValue) objects.read(buffer);
    }
    Object[] values = new Object[DataUtils.readVarInt(buffer)];
    for (int i = 0; i < values.length; i++) {
      byte type = buffer.get();
      values[i] = switch (type) {
        case NULL -> null;
        case STRING -> DataUtils.readString(buffer);
        case INT -> buffer.getInt();
        case LONG -> buffer.getLong();
        case DOUBLE -> buffer.getDouble();
        case TRUE -> Boolean.TRUE;
        case FALSE -> Boolean.FALSE;
        default -> throw new IllegalStateException("unknown index key value type " + type);
      };
    }
    return new KeyValue(values);
  }

  @Override
  public KeyValue[] createStorage(int size) {
    return new KeyValue[size];
  }
}

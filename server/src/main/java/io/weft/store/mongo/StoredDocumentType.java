package io.weft.store.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded store writes documents to its file: as BSON, the format they arrived in. H2's
 * default Java-serialises each one, which made every checkpoint hold writes back for up to 200 ms.
 *
 * <p>Each value starts with a tag. Documents written before this type, and any document holding a
 * value BSON cannot carry, are read and written by H2's default, whose tags never reach {@link #BSON}.
 */
final class StoredDocumentType extends BasicDataType<Document> {
  static final StoredDocumentType INSTANCE = new StoredDocumentType();

  /** Above every tag H2's ObjectDataType writes (its highest is 119). */
  private static final byte BSON = (byte) 0xB5;

  private final ObjectDataType objects = new ObjectDataType();
  private volatile int averageSize = 256;

  private StoredDocumentType() {}

  @Override
  public int getMemory(Document document) {
    return averageSize;
  }

  @Override
  public void write(WriteBuffer buffer, Document document) {
    ByteBuf bson = Unpooled.buffer(averageSize);
    try {
      BsonEncoder.encodeDocument(document, bson);
    } catch (RuntimeException notBson) {
      objects.write(buffer, document);
      return;
    }
    int size = bson.readableBytes();
    averageSize = (averageSize * 15 + size) / 16;
    buffer.put(BSON).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), size);
  }

  @Override
  public Document read(ByteBuffer buffer) {
    if (buffer.get(buffer.position()) != BSON) {
      return (Document) objects.read(buffer);
    }
    buffer.get();
    // BSON gives its own length first, little-endian.
    int size = Integer.reverseBytes(buffer.getInt(buffer.position()));
    ByteBuffer bson = buffer.slice();
    bson.limit(size);
    buffer.position(buffer.position() + size);
    return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
  }

  @Override
  public Document[] createStorage(int size) {
    return new Document[size];
  }
}

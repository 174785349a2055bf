package io.weft.store.mongo;

import com.mongodb.MongoClientSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * The entries of a journal file: [header:int][crc32:int][record]. The header is the record's length,
 * with {@link #BSON} set when the record is BSON; journals written before hold extended JSON (UTF-8),
 * which is still read. BSON is what the store is sent anyway, and several times cheaper to write.
 */
final class JournalEntries {
  private static final int BSON = 1 << 30;
  private static final DocumentCodec CODEC = new DocumentCodec(MongoClientSettings.getDefaultCodecRegistry());

  private JournalEntries() {}

  static byte[] encode(Document record) {
    BasicOutputBuffer out = new BasicOutputBuffer(256);
    CODEC.encode(new BsonBinaryWriter(out), record, EncoderContext.builder().build());
    int length = out.getPosition();
    CRC32 crc = new CRC32();
    crc.update(out.getInternalBuffer(), 0, length);
    return ByteBuffer.allocate(8 + length).putInt(length | BSON).putInt((int) crc.getValue())
        .put(out.getInternalBuffer(), 0, length).array();
  }

  /**
   * Reads entries until the end of {@code buffer} or the first torn or damaged one (the process died
   * while writing it, so nothing in it was acknowledged); returns how many were read.
   */
  static int read(ByteBuffer buffer, Consumer<Document> into) {
    int count = 0;
    while (buffer.remaining() >= 8) {
      int header = buffer.getInt();
      int crc = buffer.getInt();
      int length = header & ~BSON;
      if (header < 0 || length > buffer.remaining()) {
        break;
      }
      byte[] body = new byte[length];
      buffer.get(body);
      CRC32 check = new CRC32();
      check.update(body);
      if ((int) check.getValue() != crc) {
        break;
      }
      into.accept((header & BSON) != 0
          ? CODEC.decode(new BsonBinaryReader(ByteBuffer.wrap(body)), DecoderContext.builder().build())
          : Document.parse(new String(body, StandardCharsets.UTF_8)));
      count++;
    }
    return count;
  }
}

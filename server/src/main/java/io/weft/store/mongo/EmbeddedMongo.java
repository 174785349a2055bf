package io.weft.store.mongo;

import de.bwaldvogel.mongo.MongoServer;
import io.weft.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The MongoDB-wire-compatible server started in-process when no MongoDB is configured, storing to an
 * H2 file under the data directory. Weft talks to it through the ordinary driver, over loopback.
 */
public final class EmbeddedMongo implements AutoCloseable {
  private final EmbeddedBackend backend;
  private final MongoServer server;
  private final InetSocketAddress address;
  private final Path file;

  private EmbeddedMongo(Path file, EmbeddedBackend backend, MongoServer server, InetSocketAddress address) {
    this.file = file;
    this.backend = backend;
    this.server = server;
    this.address = address;
  }

  public static EmbeddedMongo start(Path dataDir) {
    return start(dataDir, false);
  }

  /**
   * @param rebuildIndexes rebuild every index from the documents, because the last file commit may hold
   *     part of a write (see {@link CommitJournal})
   */
  static EmbeddedMongo start(Path dataDir, boolean rebuildIndexes) {
    Path file = dataDir.resolve("weft.mv").toAbsolutePath();
    try {
      PrivateFiles.directory(dataDir);
      // H2 would create the file world-readable; an empty file is a new store to it.
      PrivateFiles.prepare(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dataDir + " or its store " + file, e);
    }
    EmbeddedBackend backend;
    try {
      // No background commits: the journal's checkpoints commit, between writes (see WriteGate).
      MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
      if (rebuildIndexes) {
        EmbeddedBackend.dropIndexes(store);
      }
      backend = new EmbeddedBackend(store);
    } catch (MVStoreException e) {
      throw new IllegalStateException("cannot open the embedded store " + file + " (is another Weft using "
          + dataDir + "?): " + e.getMessage(), e);
    }
    MongoServer server = new MongoServer(backend);
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    InetSocketAddress address = server.getLocalAddress();
    return new EmbeddedMongo(file, backend, server, address);
  }

  public String connectionString() {
    return "mongodb://127.0.0.1:" + address.getPort();
  }

  public Path file() {
    return file;
  }

  /** Writes every change the store holds in memory to its file (to the operating system). */
  void write() {
    backend.commit();
  }

  /** Forces what was written to the disk; writes may go on meanwhile. */
  void sync() {
    backend.getMvStore().sync();
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}

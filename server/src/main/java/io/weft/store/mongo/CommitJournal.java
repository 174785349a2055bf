package io.weft.store.mongo;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.weft.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-ahead journal for the embedded store, whose H2 file is written only about once a second and
 * whose full commit is far too slow to run per op. Each commit record is appended here before its ops
 * are acknowledged: callers that arrive while a write is running share the next one (group commit),
 * so one write() carries every record that arrived meanwhile. A written record survives a crash of
 * the process (kill -9); with fsync it survives power loss too.
 *
 * <p>Every few seconds a checkpoint starts a new journal file, commits the H2 store, and deletes the
 * journal files the commit made redundant. Writes go on during a checkpoint, so its commit may hold
 * part of a write in flight (a document without its index entry): harmless while the journal file
 * holding that write is kept, and repaired at start-up. Leftover journal files mean the last stop was
 * not clean: the store's indexes are rebuilt from its documents ({@link #leftBehind}), then the
 * records in those files are put back into the store before anything is served.
 *
 * <p>File format: see {@link JournalEntries}; a torn last entry (the process died mid-write, so nothing
 * in it was acknowledged) is ignored.
 */
final class CommitJournal implements Durability {
  private static final Logger LOG = LoggerFactory.getLogger(CommitJournal.class);
  private static final String PREFIX = "journal-";
  private static final long CHECKPOINT_MILLIS = 5_000;
  private static final long CHECKPOINT_BYTES = 64L * 1024 * 1024;

  private final Vertx vertx;
  private final Path dir;
  private final boolean fsync;
  private final Runnable storeCommit;
  private final Runnable finalCommit;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "weft-journal");
    t.setDaemon(true);
    return t;
  });
  private final ExecutorService checkpointer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "weft-checkpoint");
    t.setDaemon(true);
    return t;
  });
  private final GroupCommit<Pending> rounds = new GroupCommit<>(Integer.MAX_VALUE);

  // Owned by the writer thread.
  private FileChannel channel;
  private long fileNumber;
  private long fileBytes;
  private long lastCheckpoint = System.currentTimeMillis();

  private record Pending(byte[] entry, Context context, Promise<Void> promise) {
  }

  /**
   * @param storeCommit writes everything the store holds in memory to its file (blocking), while writes go on
   * @param finalCommit the same, at close, once no write is in flight: no journal file is kept after it
   */
  CommitJournal(Vertx vertx, Path dir, boolean fsync, Runnable storeCommit, Runnable finalCommit) {
    this.vertx = vertx;
    this.dir = dir;
    this.fsync = fsync;
    this.storeCommit = storeCommit;
    this.finalCommit = finalCommit;
  }

  /** Whether journal files were left in {@code dir}: the last stop was not clean. */
  static boolean leftBehind(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith(PREFIX));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replays leftover journal files into the store (through {@code insert}, which must ignore duplicates), then opens a new file. */
  void recover(Consumer<Document> insert) {
    List<Path> files = journalFiles();
    int records = 0;
    for (Path file : files) {
      records += replay(file, insert);
      fileNumber = Math.max(fileNumber, number(file));
    }
    if (!files.isEmpty()) {
      storeCommit.run();
      files.forEach(CommitJournal::delete);
      if (records > 0) {
        LOG.info("recovered {} records from the journal", records);
      }
    }
    openNext();
  }

  @Override
  public Future<Void> persist(Document record) {
    return persist(record, vertx.getOrCreateContext());
  }

  @Override
  public Future<Void> persist(Document record, Context context) {
    byte[] entry = JournalEntries.encode(record);
    Promise<Void> promise = Promise.promise();
    if (rounds.join(new Pending(entry, context, promise))) {
      writer.execute(this::writeRounds);
    }
    return promise.future();
  }

  /** Writes until nobody is waiting; each round serves everyone who asked before it began. */
  private void writeRounds() {
    for (List<Pending> round = rounds.next(); round != null; round = rounds.next()) {
      Throwable failure = null;
      try {
        write(round);
      } catch (IOException | RuntimeException e) {
        LOG.error("journal write failed; {} commits are not acknowledged", round.size(), e);
        failure = e;
      }
      for (Pending p : round) {
        Throwable f = failure;
        p.context().runOnContext(v -> {
          if (f == null) {
            p.promise().complete();
          } else {
            p.promise().fail(f);
          }
        });
      }
    }
    maybeCheckpoint();
  }

  private void write(List<Pending> round) throws IOException {
    int size = 0;
    for (Pending p : round) {
      size += p.entry().length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(size);
    for (Pending p : round) {
      buffer.put(p.entry());
    }
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    if (fsync) {
      channel.force(false);
    }
    fileBytes += size;
  }

  /**
   * Records written to files before the current one were acknowledged by the store before they were
   * journaled, so a store commit that starts after the switch holds them all.
   */
  private void maybeCheckpoint() {
    long now = System.currentTimeMillis();
    if (fileBytes == 0 || (now - lastCheckpoint < CHECKPOINT_MILLIS && fileBytes < CHECKPOINT_BYTES)) {
      return;
    }
    lastCheckpoint = now;
    List<Path> done = journalFiles();
    openNext();
    // The store commit is slow: run it beside the writer so appends never wait for it.
    checkpointer.execute(() -> {
      try {
        storeCommit.run();
        done.forEach(CommitJournal::delete);
      } catch (RuntimeException e) {
        LOG.warn("checkpoint failed; the journal keeps its records", e);
      }
    });
  }

  private void openNext() {
    try {
      if (channel != null) {
        channel.close();
      }
      fileNumber++;
      fileBytes = 0;
      channel = FileChannel.open(dir.resolve(String.format("%s%012d", PREFIX, fileNumber)),
          Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
          PrivateFiles.ownerOnly());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a journal file in " + dir, e);
    }
  }

  private List<Path> journalFiles() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith(PREFIX)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long number(Path file) {
    return Long.parseLong(file.getFileName().toString().substring(PREFIX.length()));
  }

  private static int replay(Path file, Consumer<Document> insert) {
    try {
      return JournalEntries.read(ByteBuffer.wrap(Files.readAllBytes(file)), insert);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read journal " + file, e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("cannot delete journal file {}", file, e);
    }
  }

  /** Final checkpoint: the store is committed, so no journal file is needed any more. */
  void close() {
    checkpointer.shutdown();
    try {
      checkpointer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writer.submit(() -> {
      try {
        if (channel != null) {
          channel.close();
        }
        finalCommit.run();
        journalFiles().forEach(CommitJournal::delete);
      } catch (IOException | RuntimeException e) {
        LOG.warn("closing the journal failed; it will be replayed at the next start", e);
      }
    });
    writer.shutdown();
    try {
      writer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

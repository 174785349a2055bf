package io.weft.doc;

/** The live document was unloaded between lookup and use; the registry retries with a fresh load. */
final class DocumentClosedException extends RuntimeException {
  DocumentClosedException() {
    super("document was unloaded", null, false, false);
  }
}

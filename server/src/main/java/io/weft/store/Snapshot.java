package io.weft.store;

/**
 * A document's content at a version. {@code type} is null for a document that does not exist
 * (version 0). {@code data} is decoded JSON owned by whoever holds the snapshot.
 */
public record Snapshot(long version, String type, Object data) {
  public static final Snapshot NONE = new Snapshot(0, null, null);

  public boolean exists() {
    return type != null;
  }
}

package io.weft.doc;

/** A document's content at a version, already encoded: {@code type} and {@code json} are null before it exists. */
public record SnapshotView(long version, String type, String json) {
  public boolean exists() {
    return type != null;
  }
}

package io.weft.store;

/** A document's identity: its collection and id (both already validated). */
public record DocKey(String collection, String id) {
  @Override
  public String toString() {
    return collection + "/" + id;
  }
}

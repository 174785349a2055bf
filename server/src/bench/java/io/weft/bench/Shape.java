package io.weft.bench;

/** Documents × clients per document, written {@code 10x10}. */
record Shape(int docs, int clients) {
  Shape {
    if (docs < 1 || clients < 1) {
      throw new IllegalArgumentException("a shape needs at least one document and one client: " + docs + "x" + clients);
    }
  }

  static Shape parse(String text) {
    String[] parts = text.trim().toLowerCase().split("x");
    if (parts.length != 2) {
      throw new IllegalArgumentException("a shape is DOCSxCLIENTS, e.g. 10x10: " + text);
    }
    return new Shape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
  }

  int sockets() {
    return docs * clients;
  }

  String label() {
    return docs + "x" + clients;
  }
}

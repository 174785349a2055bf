package io.weft.ot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One immutable json0 component, already validated by {@link Json0#parse}. The path holds String keys
 * and Integer indexes only (other integral numbers are normalized to Integer when parsing).
 *
 * <p>Values (li/ld/oi/od) are shared, never copied, between a component and the components derived from
 * it by transform/compose/invert, and {@link #toJson()} hands them out as they are: treat them as
 * read-only. Applying an op inserts deep copies, so documents never alias an op's values.
 */
public final class Component {

  /** The json0 instruction(s) a component carries; the legal combinations only. */
  public enum Kind {
    STRING_INSERT, STRING_DELETE, NUMBER_ADD,
    LIST_INSERT, LIST_DELETE, LIST_REPLACE, LIST_MOVE,
    OBJECT_INSERT, OBJECT_DELETE, OBJECT_REPLACE;

    public boolean hasLi() {
      return this == LIST_INSERT || this == LIST_REPLACE;
    }

    public boolean hasLd() {
      return this == LIST_DELETE || this == LIST_REPLACE;
    }

    public boolean hasOi() {
      return this == OBJECT_INSERT || this == OBJECT_REPLACE;
    }

    public boolean hasOd() {
      return this == OBJECT_DELETE || this == OBJECT_REPLACE;
    }

    public boolean isString() {
      return this == STRING_INSERT || this == STRING_DELETE;
    }

    static Kind list(boolean li, boolean ld) {
      return li ? (ld ? LIST_REPLACE : LIST_INSERT) : LIST_DELETE;
    }

    static Kind object(boolean oi, boolean od) {
      return oi ? (od ? OBJECT_REPLACE : OBJECT_INSERT) : OBJECT_DELETE;
    }
  }

  private final Object[] path;
  private final Kind kind;
  /** li, oi or si. */
  private final Object inserted;
  /** ld, od or sd. */
  private final Object deleted;
  private final Number na;
  private final int lm;

  /** Takes ownership of {@code path}; callers must not modify it afterwards. */
  Component(Object[] path, Kind kind, Object inserted, Object deleted, Number na, int lm) {
    this.path = path;
    this.kind = kind;
    this.inserted = inserted;
    this.deleted = deleted;
    this.na = na;
    this.lm = lm;
  }

  public List<Object> path() {
    return Collections.unmodifiableList(Arrays.asList(path));
  }

  public Kind kind() {
    return kind;
  }

  /** li, oi or si; null when the kind inserts nothing (or when the inserted JSON value is null). */
  public Object insertedValue() {
    return inserted;
  }

  /** The na amount; null unless the kind is NUMBER_ADD. */
  public Number numberDelta() {
    return na;
  }

  /** The lm target index; -1 unless the kind is LIST_MOVE. */
  public int moveTarget() {
    return lm;
  }

  /** The component as decoded JSON: {@code {"p": [...], "li": ..., ...}}. Values are shared, not copied. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>(4);
    m.put("p", new ArrayList<>(Arrays.asList(path)));
    switch (kind) {
      case STRING_INSERT -> m.put("si", inserted);
      case STRING_DELETE -> m.put("sd", deleted);
      case NUMBER_ADD -> m.put("na", na);
      case LIST_MOVE -> m.put("lm", lm);
      default -> {
        if (kind.hasLd()) {
          m.put("ld", deleted);
        }
        if (kind.hasLi()) {
          m.put("li", inserted);
        }
        if (kind.hasOd()) {
          m.put("od", deleted);
        }
        if (kind.hasOi()) {
          m.put("oi", inserted);
        }
      }
    }
    return m;
  }

  /** The internal path array; never modify it. */
  Object[] pathArray() {
    return path;
  }

  int pathLength() {
    return path.length;
  }

  Object inserted() {
    return inserted;
  }

  Object deleted() {
    return deleted;
  }

  Component withPath(Object[] newPath) {
    return new Component(newPath, kind, inserted, deleted, na, lm);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Component c) || c.kind != kind || c.lm != lm || !Arrays.equals(c.path, path)) {
      return false;
    }
    return DeepJson.deepEquals(c.inserted, inserted) && DeepJson.deepEquals(c.deleted, deleted)
        && DeepJson.deepEquals(c.na, na);
  }

  @Override
  public int hashCode() {
    return 31 * kind.hashCode() + Arrays.hashCode(path);
  }

  @Override
  public String toString() {
    return toJson().toString();
  }
}

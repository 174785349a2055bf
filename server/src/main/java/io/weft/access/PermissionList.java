package io.weft.access;

import io.weft.user.User;
import io.weft.user.Usernames;
import io.weft.json.Json;
import io.weft.json.JsonSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document's permission list: the JSON array in the {@code data-auth} attribute of its
 * {@code <html>}, {@code [{"username":"alice","provider":"local","permissions":"rw"}, ...]}.
 * Immutable; a malformed list never gets this far ({@link #parse} says why).
 */
public final class PermissionList {
  /** The attribute of {@code <html>} holding the list. */
  public static final String ATTRIBUTE = "data-auth";
  private static final int MAX_ENTRIES = 10_000;

  /** One user's entry. */
  public record Entry(String username, String provider, Rights rights) {
    boolean names(String username, String provider) {
      return this.username.equals(username) && this.provider.equals(provider);
    }
  }

  private final List<Entry> entries;

  private PermissionList(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public List<Entry> entries() {
    return entries;
  }

  /**
   * The rights the list gives {@code user}: their own entry, else the anonymous entry, else none.
   * (Lists are per document; the defaults apply only where a document has no list at all.)
   */
  public Rights rightsOf(User user) {
    Entry anonymous = null;
    for (Entry e : entries) {
      if (e.names(user.username(), user.provider())) {
        return e.rights();
      }
      if (anonymous == null && e.names(User.ANONYMOUS.username(), User.ANONYMOUS.provider())) {
        anonymous = e;
      }
    }
    return anonymous == null ? Rights.NONE : anonymous.rights();
  }

  /** The list with {@code user}'s own entry set to {@code rights} (added at the end if missing). */
  public PermissionList with(User user, Rights rights) {
    List<Entry> out = new ArrayList<>(entries.size() + 1);
    boolean found = false;
    for (Entry e : entries) {
      if (e.names(user.username(), user.provider())) {
        out.add(new Entry(e.username(), e.provider(), rights));
        found = true;
      } else {
        out.add(e);
      }
    }
    if (!found) {
      out.add(new Entry(user.username(), user.provider(), rights));
    }
    return new PermissionList(out);
  }

  /** As JSON values: what {@code data-auth} and {@code hello.defaultPermissions} hold. */
  public List<Map<String, Object>> toJsonValue() {
    List<Map<String, Object>> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("username", e.username());
      m.put("provider", e.provider());
      m.put("permissions", e.rights().toString());
      out.add(m);
    }
    return out;
  }

  public String toJson() {
    return Json.encode(toJsonValue());
  }

  /**
   * The {@code data-auth} text of a page (JsonML {@code ["html", {attributes}, ...]}), or null if it
   * has none. A browser folds attribute names to lower case, so {@code DATA-AUTH} beside (or instead
   * of) {@code data-auth} would be merged with it there while the server read another list. Such a
   * page's source is a text that names every spelling and that {@link #parse} refuses: adding,
   * changing or removing a variant is then a change of the list (it needs {@code a}), and leaves no
   * list, so it is refused for admins too.
   */
  public static String sourceIn(Object page) {
    if (!(page instanceof List<?> root) || root.size() < 2 || !(root.get(1) instanceof Map<?, ?> attributes)) {
      return null;
    }
    Map<Object, Object> spellings = null;
    for (Map.Entry<?, ?> e : attributes.entrySet()) {
      if (e.getKey() instanceof String name && !name.equals(ATTRIBUTE) && isAsciiCaseVariant(name)) {
        spellings = spellings == null ? new LinkedHashMap<>() : spellings;
        spellings.put(name, e.getValue());
      }
    }
    Object exact = attributes.get(ATTRIBUTE);
    if (spellings != null) {
      if (attributes.containsKey(ATTRIBUTE)) {
        spellings.put(ATTRIBUTE, exact);
      }
      return SPELLED_IN_CASES + Json.encode(spellings);
    }
    return exact instanceof String source ? source : null;
  }

  /** Marks a source made of several spellings of the attribute; no JSON text starts with NUL. */
  private static final String SPELLED_IN_CASES = "\0data-auth in several cases:";

  /** True for {@code name} equal to {@code data-auth} ignoring ASCII case only, as HTML compares names. */
  private static boolean isAsciiCaseVariant(String name) {
    if (name.length() != ATTRIBUTE.length()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
      if (lower != ATTRIBUTE.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Parses a {@code data-auth} value; throws {@link InvalidPermissionList} saying what is wrong. */
  public static PermissionList parse(String source) {
    if (source.startsWith(SPELLED_IN_CASES)) {
      Map<?, ?> spellings = (Map<?, ?>) Json.parse(source.substring(SPELLED_IN_CASES.length()));
      throw new InvalidPermissionList("the permission list must be the one attribute data-auth, in lower case: "
          + "a browser would merge " + spellings.keySet() + " into one");
    }
    Object value;
    try {
      value = Json.parse(source);
    } catch (JsonSyntaxException e) {
      // Webstrates wrote quotes in attribute values as entities; such lists are still lists.
      try {
        value = Json.parse(source.replace("&quot;", "\"").replace("&amp;", "&"));
      } catch (JsonSyntaxException again) {
        throw new InvalidPermissionList("data-auth must be a JSON array of {username, provider, permissions}");
      }
    }
    return fromJsonValue(value);
  }

  /** Checks a parsed JSON value as a permission list (the configured defaults come this way). */
  public static PermissionList fromJsonValue(Object value) {
    if (!(value instanceof List<?> list)) {
      throw new InvalidPermissionList("data-auth must be a JSON array of {username, provider, permissions}");
    }
    if (list.size() > MAX_ENTRIES) {
      throw new InvalidPermissionList("data-auth may list at most " + MAX_ENTRIES + " users");
    }
    List<Entry> entries = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      entries.add(entry(list.get(i), i));
    }
    return new PermissionList(entries);
  }

  private static Entry entry(Object value, int index) {
    String where = "data-auth entry " + index;
    if (!(value instanceof Map<?, ?> map)) {
      throw new InvalidPermissionList(where + " must be an object {username, provider, permissions}");
    }
    if (!(map.get("username") instanceof String username) || !(map.get("provider") instanceof String provider)
        || !(map.get("permissions") instanceof String letters)) {
      throw new InvalidPermissionList(where + " needs string fields username, provider and permissions");
    }
    boolean anonymous = username.equals(User.ANONYMOUS.username()) && provider.equals(User.ANONYMOUS.provider());
    if (!anonymous && (Usernames.problem(username) != null || Usernames.problem(provider) != null)) {
      throw new InvalidPermissionList(where + " names an invalid user '" + abbreviate(username) + "' of '"
          + abbreviate(provider) + "'");
    }
    Rights rights = Rights.parse(letters);
    if (rights == null) {
      throw new InvalidPermissionList(where + ": permissions are letters from r, w and a, not '" + abbreviate(letters) + "'");
    }
    return new Entry(username, provider, rights);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  /** A {@code data-auth} value that is not a permission list. */
  public static final class InvalidPermissionList extends IllegalArgumentException {
    public InvalidPermissionList(String message) {
      super(message);
    }
  }
}

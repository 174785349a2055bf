package io.weft.user;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a username may be. Usernames end up inside permission lists (JSON in an HTML attribute), in
 * user ids ({@code name:provider}) and on pages, so they are kept to letters, digits and a few marks:
 * no quotes, {@code &}, {@code :}, angle brackets, spaces or control characters.
 *
 * <p>A new account's name must also not pass for another's: it is taken in NFKC form (full-width
 * {@code ａlice} is {@code alice}), written in one script (no Cyrillic {@code а} among Latin letters),
 * and not made only of Cyrillic or Greek letters that look Latin ({@code аре}, {@code ΤΟΜ}).
 */
public final class Usernames {
  public static final int MAX_LENGTH = 40;
  private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}_.-]{1," + MAX_LENGTH + "}");
  /** Scripts Japanese, Chinese and Korean names mix as a matter of course. */
  private static final Set<UnicodeScript> EAST_ASIAN = EnumSet.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA,
      UnicodeScript.KATAKANA, UnicodeScript.HANGUL, UnicodeScript.BOPOMOFO);
  /** Cyrillic and Greek letters that look like Latin ones in common fonts. */
  private static final String LATIN_LOOKALIKES = "АВЕКМНОРСТУХІЈЅаеорсухіјѕԁԛԝһӏ" + "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοινκραυ";

  private Usernames() {
  }

  /** Null if {@code name} may be a username, else why not, for the person choosing it. */
  public static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "Choose a username";
    }
    if (!VALID.matcher(name).matches()) {
      return "A username is 1 to " + MAX_LENGTH + " letters, digits, '_', '.' or '-'";
    }
    if (name.equalsIgnoreCase(User.ANONYMOUS.username())) {
      return "That username is reserved";
    }
    return null;
  }

  /** How a new name is stored and compared: stripped and in NFKC form, so look-alike forms of a letter are one. */
  public static String normalized(String name) {
    return Normalizer.normalize(name.strip(), Normalizer.Form.NFKC);
  }

  /** As {@link #problem}, and also null only if {@code name} (normalized) cannot pass for a name in another script. */
  public static String newNameProblem(String name) {
    String problem = problem(name);
    if (problem != null) {
      return problem;
    }
    Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
    boolean allLookLatin = true;
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      i += Character.charCount(c);
      UnicodeScript script = UnicodeScript.of(c);
      if (script != UnicodeScript.COMMON && script != UnicodeScript.INHERITED) {
        scripts.add(script);
        allLookLatin &= LATIN_LOOKALIKES.indexOf(c) >= 0;
      }
    }
    if (scripts.size() > 1 && !EAST_ASIAN.containsAll(scripts)) {
      return "A username is written in one script (letters like Cyrillic 'а' and Latin 'a' look alike)";
    }
    if (allLookLatin && (scripts.contains(UnicodeScript.CYRILLIC) || scripts.contains(UnicodeScript.GREEK))) {
      return "That username would look like a name in Latin letters; choose another";
    }
    return null;
  }
}

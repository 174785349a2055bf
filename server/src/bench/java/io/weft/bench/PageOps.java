package io.weft.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic stream of realistic edits of a JsonML page, as json0 op text: one op in fifty adds a
 * paragraph at the end of {@code <body>}, one in ten types a word into a paragraph, the rest set an
 * attribute on {@code <html>} (replacing its previous value). 100,000 ops make a page of 2,000
 * paragraphs, about 100 KB. Not thread-safe.
 *
 * <p>Each op is valid on the page made by every op before it, and typing goes into a paragraph added
 * at least {@link #INDEPENDENT_WINDOW} ops earlier (the new page starts with enough of them): a writer
 * that keeps that many ops in flight never sends an op whose paragraph may not exist yet.
 */
final class PageOps {
  /** Ops that may be in flight at once without any typing into a paragraph another one adds. */
  static final int INDEPENDENT_WINDOW = 256;
  private static final int PARAGRAPH_EVERY = 50;
  private static final int TYPING_EVERY = 10;
  /** {@code <body>} is child 5 of {@code <html>}; its paragraphs start after its own "\n" child. */
  private static final int BODY = 5;
  private static final int FIRST_PARAGRAPH = 3;
  /** Typing targets the paragraph this many paragraphs back: at least the window's worth of ops ago. */
  private static final int LOOK_BACK = INDEPENDENT_WINDOW / PARAGRAPH_EVERY + 2;
  private static final String WORD = "word ";
  /** A new page (PROTOCOL.md §1) whose body already holds {@link #LOOK_BACK} paragraphs. */
  static final String NEW_PAGE = newPage();

  private final List<Integer> textLengths = new ArrayList<>();
  private long count;
  private String lastRevision;

  PageOps() {
    for (int i = 0; i < LOOK_BACK; i++) {
      textLengths.add(introText(i).length());
    }
  }

  String next() {
    long i = count++;
    int paragraphs = textLengths.size();
    if (i % PARAGRAPH_EVERY == 0) {
      String text = "Paragraph " + paragraphs + " ";
      textLengths.add(text.length());
      return "[{\"p\":[" + BODY + "," + (FIRST_PARAGRAPH + paragraphs) + "],\"li\":[\"p\",{},\"" + text + "\"]}]";
    }
    if (i % TYPING_EVERY == TYPING_EVERY / 2) {
      int target = paragraphs - LOOK_BACK;
      int at = textLengths.get(target);
      textLengths.set(target, at + WORD.length());
      return "[{\"p\":[" + BODY + "," + (FIRST_PARAGRAPH + target) + ",2," + at + "],\"si\":\"" + WORD + "\"}]";
    }
    String value = "r" + i;
    String op = "[{\"p\":[1,\"data-revision\"],\"oi\":\"" + value + "\""
        + (lastRevision == null ? "" : ",\"od\":\"" + lastRevision + "\"") + "}]";
    lastRevision = value;
    return op;
  }

  private static String newPage() {
    StringBuilder body = new StringBuilder("[\"body\",{},\"\\n\"");
    for (int i = 0; i < LOOK_BACK; i++) {
      body.append(",[\"p\",{},\"").append(introText(i)).append("\"]");
    }
    body.append(']');
    return "[\"html\",{},\"\\n\",[\"head\",{},\"\\n\",[\"title\",{},\"history\"],\"\\n\"],\"\\n\"," + body + "]";
  }

  private static String introText(int i) {
    return "Intro " + i + " ";
  }
}

package io.weft.bench;

import io.weft.json.Json;
import io.weft.ot.Component;
import io.weft.ot.Json0;
import io.weft.ot.OtException;
import io.weft.ot.Side;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * json0 apply and transform ({@link Json0}) on the ops a server handles all day: the load op (set an
 * attribute on {@code <html>}), typing into a paragraph, adding a paragraph, on a page of about 100
 * paragraphs; and over the ot-json0 reference vectors in server/src/test/resources/json0/ (one case per
 * call, cycling). Apply edits the page in place, so each apply benchmark either repeats an idempotent op
 * or applies an op and its inverse (two applies per call).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class Json0Bench {
  private static final int PAGE_OPS = 5000;

  private Object page;
  private List<Component> setAttribute;
  private List<Component> otherSetAttribute;
  private List<Component> typeInParagraph;
  private List<Component> eraseInParagraph;
  private List<Component> otherTypeInParagraph;
  private List<Component> addParagraph;
  private List<Component> removeParagraph;
  private List<Component> typeInLaterParagraph;
  private final List<List<Component>> vectorA = new ArrayList<>();
  private final List<List<Component>> vectorB = new ArrayList<>();
  private final List<Object> vectorDoc = new ArrayList<>();
  private final List<List<Component>> vectorApply = new ArrayList<>();
  private int nextTransform;
  private int nextApply;

  @Setup
  public void setUp() throws OtException {
    page = Json.parse(PageOps.NEW_PAGE);
    PageOps edits = new PageOps();
    for (int i = 0; i < PAGE_OPS; i++) {
      page = Json0.apply(page, op(edits.next()));
    }
    // The load op replaces the client's previous value, so the attribute exists (strict apply checks od's key).
    page = Json0.apply(page, op("[{\"p\":[1,\"data-c3\"],\"oi\":\"t1000000\"}]"));
    setAttribute = op("[{\"p\":[1,\"data-c3\"],\"oi\":\"t1000001\",\"od\":\"t1000000\"}]");
    otherSetAttribute = op("[{\"p\":[1,\"data-c7\"],\"oi\":\"t1000002\",\"od\":\"t999998\"}]");
    typeInParagraph = op("[{\"p\":[5,53,2,5],\"si\":\"a\"}]");
    eraseInParagraph = op("[{\"p\":[5,53,2,5],\"sd\":\"a\"}]");
    otherTypeInParagraph = op("[{\"p\":[5,53,2,3],\"si\":\"b\"}]");
    addParagraph = op("[{\"p\":[5,50],\"li\":[\"p\",{\"class\":\"note\"},\"A new paragraph\"]}]");
    removeParagraph = op("[{\"p\":[5,50],\"ld\":[\"p\",{\"class\":\"note\"},\"A new paragraph\"]}]");
    typeInLaterParagraph = op("[{\"p\":[5,80,2,3],\"si\":\"c\"}]");
    loadVectors();
  }

  @Benchmark
  public Object applySetAttribute() throws OtException {
    return Json0.apply(page, setAttribute);
  }

  @Benchmark
  public Object applyTypeThenErase() throws OtException {
    return Json0.apply(Json0.apply(page, typeInParagraph), eraseInParagraph);
  }

  @Benchmark
  public Object applyAddThenRemoveParagraph() throws OtException {
    return Json0.apply(Json0.apply(page, addParagraph), removeParagraph);
  }

  @Benchmark
  public Object transformSetAttributeAgainstSetAttribute() throws OtException {
    return Json0.transform(setAttribute, otherSetAttribute, Side.LEFT);
  }

  @Benchmark
  public Object transformTypingAgainstTyping() throws OtException {
    return Json0.transform(typeInParagraph, otherTypeInParagraph, Side.LEFT);
  }

  @Benchmark
  public Object transformTypingAgainstNewParagraph() throws OtException {
    return Json0.transform(typeInLaterParagraph, addParagraph, Side.LEFT);
  }

  @Benchmark
  public Object transformVectorCase() throws OtException {
    int i = nextTransform;
    nextTransform = i + 1 == vectorA.size() ? 0 : i + 1;
    return Json0.transform(vectorA.get(i), vectorB.get(i), Side.LEFT);
  }

  /** Includes a deep copy of the case's document, since apply edits in place. */
  @Benchmark
  public Object applyVectorCase() throws OtException {
    int i = nextApply;
    nextApply = i + 1 == vectorDoc.size() ? 0 : i + 1;
    return Json0.apply(Json0.deepCopy(vectorDoc.get(i)), vectorApply.get(i));
  }

  private void loadVectors() {
    for (Object line : lines("/json0/pairs.jsonl")) {
      Map<?, ?> c = (Map<?, ?>) line;
      try {
        List<Component> a = Json0.parse(c.get("a"));
        List<Component> b = Json0.parse(c.get("b"));
        Json0.transform(a, b, Side.LEFT); // keep only cases that transform
        vectorA.add(a);
        vectorB.add(b);
        if (Boolean.TRUE.equals(c.get("applyAOk"))) {
          Json0.apply(Json0.deepCopy(c.get("doc")), a);
          vectorDoc.add(c.get("doc"));
          vectorApply.add(a);
        }
      } catch (OtException | RuntimeException e) {
        // a case that refuses (by design) is not a speed case
      }
    }
    if (vectorA.isEmpty() || vectorDoc.isEmpty()) {
      throw new IllegalStateException("no usable json0 vectors in /json0/pairs.jsonl");
    }
  }

  private static List<Object> lines(String resource) {
    try (InputStream in = Json0Bench.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      List<Object> out = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          out.add(Json.parse(line));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Component> op(String json) throws OtException {
    return Json0.parse(Json.parse(json));
  }
}

package io.github.ad4j.core.testing;

import io.github.ad4j.core.DerivativeGenerator;
import io.github.ad4j.core.Diagnostic;
import io.github.ad4j.core.GenerationResult;
import io.github.ad4j.core.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Many {@code @Differentiable} methods compiled as one class, so a corpus of hundreds costs a
 * handful of javac runs, and yet each method passes or fails on its own.
 *
 * <p>The generator runs on the whole class; a method it reports a diagnostic for fails with that
 * diagnostic. The others are generated and compiled together; if javac rejects that, the batch is
 * split in halves until each rejected method is compiled alone and fails with javac's message.
 * Every method also gets an instrumented copy of the original ({@link BranchTrace}), compiled
 * without the generator, to choose points where finite differences can be trusted.
 */
public final class MethodBatch {

  /** One method: its name and its whole source, annotation included. */
  public record Member(String name, String source) {}

  private final String className;
  private final List<Member> members;
  private final Map<String, Object> outcomes = new LinkedHashMap<>();
  private BranchTrace.Traced traced;
  private AssertionError tracedFailure;
  private boolean compiled;
  private int javacRuns;

  private MethodBatch(String className, List<Member> members) {
    this.className = className;
    this.members = List.copyOf(members);
  }

  /** A batch of {@code members}, compiled lazily as class {@code p.<className>}. */
  public static MethodBatch of(String className, List<Member> members) {
    return new MethodBatch(className, members);
  }

  /** The source of the class holding {@code members}. */
  public static String classSource(String className, List<Member> members) {
    StringBuilder source =
        new StringBuilder("package p;\n\nimport io.github.ad4j.Differentiable;\n\nclass ")
            .append(className)
            .append(" {\n");
    for (Member m : members) {
      source.append('\n').append(m.source().stripTrailing()).append('\n');
    }
    return source.append("}\n").toString();
  }

  /** The source of the whole batch. */
  public String source() {
    return classSource(className, members);
  }

  /** How many times javac ran for the generated code of this batch. */
  public synchronized int javacRuns() {
    return javacRuns;
  }

  /**
   * The compiled class with {@code name}'s derivatives.
   *
   * @throws AssertionError with the generator's diagnostics or javac's messages if this method's
   *     derivatives could not be generated and compiled
   */
  public synchronized Differentiated differentiated(String name) {
    if (!compiled) {
      compile();
      compiled = true;
    }
    Object outcome = outcomes.get(name);
    if (outcome instanceof Differentiated) {
      return (Differentiated) outcome;
    }
    if (outcome == null) {
      throw new AssertionError("no method " + name + " in batch " + className);
    }
    throw new AssertionError(outcome.toString());
  }

  /** The instrumented original of the whole batch. */
  public synchronized BranchTrace.Traced traced() {
    if (traced == null && tracedFailure == null) {
      try {
        traced = BranchTrace.compile(className, source());
      } catch (AssertionError e) {
        tracedFailure = e;
      }
    }
    if (tracedFailure != null) {
      throw new AssertionError("the original class does not compile", tracedFailure);
    }
    return traced;
  }

  private void compile() {
    String source = source();
    GenerationResult result =
        DerivativeGenerator.create().generate(List.of(new SourceFile(path(), source)));
    List<Member> generated = new ArrayList<>();
    Map<String, List<Diagnostic>> rejected = new LinkedHashMap<>();
    List<Diagnostic> unplaced = new ArrayList<>();
    for (Diagnostic d : result.diagnostics()) {
      Member owner = memberAt(d.line());
      if (owner == null) {
        unplaced.add(d);
      } else {
        rejected.computeIfAbsent(owner.name(), k -> new ArrayList<>()).add(d);
      }
    }
    for (Member m : members) {
      if (!unplaced.isEmpty()) {
        outcomes.put(m.name(), "the generator reported, outside any method:\n" + join(unplaced)
            + "\n--- source\n" + source);
      } else if (rejected.containsKey(m.name())) {
        outcomes.put(m.name(), "the generator reported:\n" + join(rejected.get(m.name()))
            + "\n--- " + m.name() + "\n" + m.source());
      } else {
        generated.add(m);
      }
    }
    compileAll(generated);
  }

  private void compileAll(List<Member> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      javacRuns++;
      Differentiated d = Differentiated.of(className, classSource(className, batch));
      for (Member m : batch) {
        outcomes.put(m.name(), d);
      }
    } catch (AssertionError e) {
      if (batch.size() == 1) {
        outcomes.put(batch.get(0).name(), "compiling the generated code failed: " + e.getMessage());
        return;
      }
      int half = batch.size() / 2;
      compileAll(batch.subList(0, half));
      compileAll(batch.subList(half, batch.size()));
    }
  }

  private String path() {
    return "p/" + className + ".java";
  }

  private Member memberAt(int line) {
    int at = 5; // package, blank, import, blank, class line; then a blank line before each member
    for (Member m : members) {
      int first = at + 2;
      int last = first + (int) m.source().stripTrailing().lines().count() - 1;
      if (line >= first && line <= last) {
        return m;
      }
      at = last;
    }
    return null;
  }

  private static String join(List<Diagnostic> diagnostics) {
    StringBuilder s = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      s.append("  ").append(d.format()).append('\n');
    }
    return s.toString();
  }

  /** Points chosen for a method, and how many draws were rejected and why. */
  public record Points(List<Object[]> points, int draws, List<String> rejections) {}

  /**
   * Draws points with {@code draw} until {@code wanted} of them are safe for finite differences
   * ({@link BranchTrace.Traced#safety}) or {@code maxDraws} were drawn.
   */
  public Points safePoints(
      String name,
      int[] wrtIndex,
      Function<Random, Object[]> draw,
      Random random,
      int wanted,
      int maxDraws,
      double consistency) {
    List<Object[]> points = new ArrayList<>();
    List<String> rejections = new ArrayList<>();
    int draws = 0;
    while (points.size() < wanted && draws < maxDraws) {
      Object[] point = draw.apply(random);
      draws++;
      String why = traced().safety(name, point, wrtIndex, consistency);
      if (why == null) {
        points.add(point);
      } else {
        rejections.add(Arguments.describe(point) + ": " + why);
      }
    }
    return new Points(points, draws, rejections);
  }
}

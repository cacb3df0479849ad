package io.github.ad4j.core.randomized;

import io.github.ad4j.core.testing.MethodBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Random programs that call random programs: each caller calls two generated {@code
 * @Differentiable} methods (with branches and loops), feeding the first one's result into the
 * second, and is checked like any random program, so the callees' pullbacks are exercised with
 * arbitrary seeds. Run more by hand with {@code -Dad4j.random.calls=N}.
 */
class RandomCallsTest {

  static final int COUNT = Integer.getInteger("ad4j.random.calls", 60);
  static final long SEED = Long.getLong("ad4j.random.seed", 20240601L);
  static final int BATCH = 10;

  @TestFactory
  Stream<DynamicTest> callersOfRandomProgramsMatchFiniteDifferences() {
    List<DynamicTest> tests = new ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger checked = new java.util.concurrent.atomic.AtomicInteger();
    Random random = new Random(SEED ^ 0xCA11L);
    for (int b = 0; b * BATCH < COUNT; b++) {
      List<MethodBatch.Member> members = new ArrayList<>();
      List<ProgramGenerator.Program> callers = new ArrayList<>();
      for (int k = 0; k < BATCH && b * BATCH + k < COUNT; k++) {
        String id = b + "_" + k;
        ProgramGenerator.Program first =
            ProgramGenerator.generate("inner" + id, random.nextLong(), ProgramGenerator.Level.BRANCHES);
        ProgramGenerator.Program second =
            ProgramGenerator.generate("outer" + id, random.nextLong(), ProgramGenerator.Level.LOOPS);
        ProgramGenerator.Program caller = caller("caller" + id, random.nextLong(), first, second);
        members.add(new MethodBatch.Member(first.name(), first.source()));
        members.add(new MethodBatch.Member(second.name(), second.source()));
        members.add(new MethodBatch.Member(caller.name(), caller.source()));
        callers.add(caller);
      }
      MethodBatch batch = MethodBatch.of("Calls" + b, members);
      for (ProgramGenerator.Program caller : callers) {
        tests.add(
            DynamicTest.dynamicTest(
                caller.name() + " (seed " + caller.seed() + ")",
                () -> {
                  if (RandomProgramTest.check(batch, caller)) {
                    checked.incrementAndGet();
                  }
                }));
      }
    }
    tests.add(
        DynamicTest.dynamicTest(
            "most callers had a point safe for finite differences",
            () ->
                org.assertj.core.api.Assertions.assertThat(checked.get())
                    .as("callers checked")
                    .isGreaterThanOrEqualTo(COUNT * 9 / 10)));
    return tests.stream();
  }

  /**
   * {@code double u = inner(...x0, x1...); double v = outer(...tanh(u)...); return ...}: every
   * argument the callee differentiates for gets an expression of the inputs, the others
   * constants.
   */
  static ProgramGenerator.Program caller(
      String name, long seed, ProgramGenerator.Program inner, ProgramGenerator.Program outer) {
    Random r = new Random(seed);
    String u = innerCall(inner, r);
    String v = outerCall(outer, r);
    String source =
        "  // caller " + name + " of " + inner.name() + " and " + outer.name() + ", seed " + seed
            + "\n  @Differentiable(wrt = {\"x0\", \"x1\"})\n"
            + "  static double " + name + "(double x0, double x1, int n) {\n"
            + "    double u = " + u + ";\n"
            + "    double v = " + v + ";\n"
            + "    return Math.tanh(u) * x1 + v * " + (r.nextBoolean() ? "x0" : "0.5") + ";\n"
            + "  }\n";
    List<ProgramGenerator.Param> params =
        List.of(
            new ProgramGenerator.Param("double", "x0"),
            new ProgramGenerator.Param("double", "x1"),
            new ProgramGenerator.Param("int", "n"));
    return new ProgramGenerator.Program(
        name, seed, ProgramGenerator.Level.LOOPS, source, params, new String[] {"x0", "x1"},
        new int[] {0, 1});
  }

  /** The call of {@code inner} a caller seeded with {@code r} makes, drawing from {@code r}. */
  static String innerCall(ProgramGenerator.Program inner, Random r) {
    return call(inner, r, new String[] {"0.7 * x0 + 0.1", "Math.sin(x1)", "0.5 * (x0 - x1)"});
  }

  /** The call of {@code outer}, after {@link #innerCall}, which reads {@code u}. */
  static String outerCall(ProgramGenerator.Program outer, Random r) {
    return call(outer, r, new String[] {"Math.tanh(u)", "x1 * 0.6", "0.3 * u + 0.2 * x0"});
  }

  private static String call(ProgramGenerator.Program callee, Random r, String[] active) {
    List<String> wrt = List.of(callee.wrtNames());
    StringBuilder call = new StringBuilder(callee.name()).append('(');
    for (int i = 0; i < callee.params().size(); i++) {
      ProgramGenerator.Param p = callee.params().get(i);
      String arg;
      if (p.type().equals("int")) {
        arg = "n % 4";
      } else if (wrt.contains(p.name())) {
        arg = active[r.nextInt(active.length)];
      } else {
        arg = "0.25";
      }
      call.append(i == 0 ? "" : ", ").append(arg);
    }
    return call.append(')').toString();
  }
}

package io.github.ad4j.core.randomized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ad4j.core.testing.Arguments;
import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.FiniteDifferences;
import io.github.ad4j.core.testing.MethodBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Random methods returning {@code double[]}: each calls two random programs ({@link
 * ProgramGenerator}, with branches and loops), as {@link RandomCallsTest}'s callers do, and
 * returns three numbers made of their results. Its {@code fJacobian} (built by columns, through
 * the callees' pushforwards, or, for every other method, by rows with {@code @Jacobian(REVERSE)},
 * through their pullbacks) is checked against finite differences of the original, entry by
 * entry, and its pushforward and pullback against J v and uᵀ J. Points come from the scalar
 * caller with the same calls, whose branch decisions are the same. Run more by hand with {@code
 * -Dad4j.random.jacobians=N}.
 */
class RandomJacobianTest {

  static final int COUNT = Integer.getInteger("ad4j.random.jacobians", 20);
  static final long SEED = Long.getLong("ad4j.random.seed", 20240601L) ^ 0x7AC0B1L;
  static final int BATCH = 10;

  @TestFactory
  Stream<DynamicTest> jacobiansOfRandomVectorMethodsMatchFiniteDifferences() {
    List<DynamicTest> tests = new ArrayList<>();
    AtomicInteger checked = new AtomicInteger();
    Random random = new Random(SEED);
    for (int b = 0; b * BATCH < COUNT; b++) {
      List<MethodBatch.Member> members = new ArrayList<>();
      List<String[]> pairs = new ArrayList<>();
      List<ProgramGenerator.Program> callers = new ArrayList<>();
      for (int k = 0; k < BATCH && b * BATCH + k < COUNT; k++) {
        String id = b + "_" + k;
        ProgramGenerator.Program inner =
            ProgramGenerator.generate("inner" + id, random.nextLong(), ProgramGenerator.Level.BRANCHES);
        ProgramGenerator.Program outer =
            ProgramGenerator.generate("outer" + id, random.nextLong(), ProgramGenerator.Level.LOOPS);
        long seed = random.nextLong();
        ProgramGenerator.Program caller = RandomCallsTest.caller("caller" + id, seed, inner, outer);
        String vector = "vector" + id;
        members.add(new MethodBatch.Member(inner.name(), inner.source()));
        members.add(new MethodBatch.Member(outer.name(), outer.source()));
        members.add(new MethodBatch.Member(caller.name(), caller.source()));
        members.add(new MethodBatch.Member(vector, vectorSource(vector, seed, inner, outer, k % 2 == 1)));
        callers.add(caller);
        pairs.add(new String[] {caller.name(), vector});
      }
      MethodBatch batch = MethodBatch.of("Jacobians" + b, members);
      for (int k = 0; k < callers.size(); k++) {
        ProgramGenerator.Program caller = callers.get(k);
        String vector = pairs.get(k)[1];
        String source = members.get(4 * k + 3).source();
        tests.add(
            DynamicTest.dynamicTest(
                vector,
                () -> {
                  MethodBatch.Points points =
                      batch.safePoints(
                          caller.name(), caller.wrtIndex(), caller::draw,
                          new Random(caller.seed() ^ 0x7AC0B1L), 1, 8, 1e-8);
                  if (points.points().isEmpty()) {
                    return;
                  }
                  try {
                    check(batch.differentiated(vector), vector, points.points().get(0));
                  } catch (AssertionError e) {
                    throw new AssertionError(source + "\n" + e.getMessage(), e);
                  }
                  checked.incrementAndGet();
                }));
      }
    }
    tests.add(
        DynamicTest.dynamicTest(
            "most methods had a point safe for finite differences",
            () -> assertThat(checked.get()).as("methods checked").isGreaterThanOrEqualTo(COUNT * 8 / 10)));
    return tests.stream();
  }

  /** The caller's calls, the same arguments drawn from the same seed, three results. */
  private static String vectorSource(
      String name, long seed, ProgramGenerator.Program inner, ProgramGenerator.Program outer,
      boolean reverse) {
    Random r = new Random(seed);
    String u = RandomCallsTest.innerCall(inner, r);
    String v = RandomCallsTest.outerCall(outer, r);
    return "  @Differentiable(wrt = {\"x0\", \"x1\"})\n"
        + (reverse ? "  @io.github.ad4j.Jacobian(io.github.ad4j.Jacobian.Mode.REVERSE)\n" : "")
        + "  static double[] " + name + "(double x0, double x1, int n) {\n"
        + "    double[] r = new double[3];\n"
        + "    double u = " + u + ";\n"
        + "    double v = " + v + ";\n"
        + "    r[0] = u * x1;\n"
        + "    r[1] = Math.tanh(u) + v * v;\n"
        + "    r[2] = v - Math.sin(x0) * u;\n"
        + "    return r;\n"
        + "  }\n";
  }

  private static void check(Differentiated d, String name, Object[] point) {
    int[] wrt = {0, 1};
    double[][] jacobian = (double[][]) d.generated(name + "Jacobian", Arguments.copy(point));
    double[] x = Arguments.flatten(point, wrt);
    for (int j = 0; j < x.length; j++) {
      int column = j;
      for (int i = 0; i < jacobian.length; i++) {
        int row = i;
        double expected =
            FiniteDifferences.derivative(
                t -> {
                  Object[] moved = Arguments.copy(point);
                  moved[column] = t;
                  return ((double[]) d.original(name, moved))[row];
                },
                x[column]);
        assertThat(jacobian[i][j])
            .as("%sJacobian[%d][%d] at %s (finite differences: %s)", name, i, j,
                Arguments.describe(point), expected)
            .isCloseTo(expected, within(1e-6 * Math.max(1, Math.abs(expected))));
      }
    }
    double[] jv = (double[]) d.generated(name + "Pushforward", point[0], point[1], point[2], 0.5, -1.25);
    double[] pulled0 = new double[1];
    double[] pulled1 = new double[1];
    double[] seed = {1.5, -0.5, 0.25};
    d.generated(name + "Pullback", point[0], point[1], point[2], seed, pulled0, pulled1);
    for (int i = 0; i < jacobian.length; i++) {
      double expected = jacobian[i][0] * 0.5 - jacobian[i][1] * 1.25;
      assertThat(jv[i]).as("(J v)[%d]", i)
          .isCloseTo(expected, within(1e-10 * (1 + Math.abs(jacobian[i][0]) + Math.abs(jacobian[i][1]))));
    }
    double[] pulled = {pulled0[0], pulled1[0]};
    for (int j = 0; j < 2; j++) {
      double expected = 0;
      double scale = 1;
      for (int i = 0; i < 3; i++) {
        expected += seed[i] * jacobian[i][j];
        scale += Math.abs(seed[i] * jacobian[i][j]);
      }
      assertThat(pulled[j]).as("(uᵀ J)[%d]", j).isCloseTo(expected, within(1e-10 * scale));
    }
  }
}

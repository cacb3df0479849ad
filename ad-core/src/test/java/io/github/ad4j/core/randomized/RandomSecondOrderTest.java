package io.github.ad4j.core.randomized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ad4j.core.randomized.ProgramGenerator.Level;
import io.github.ad4j.core.randomized.ProgramGenerator.Program;
import io.github.ad4j.core.testing.Arguments;
import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.FiniteDifferences;
import io.github.ad4j.core.testing.MethodBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Random programs ({@link ProgramGenerator}) differentiated twice: each is given {@code @Hessian}
 * (with respect to its scalar and {@code double[]} parameters), and its {@code fHessian} is
 * checked against finite differences of its generated gradient, entry by entry, and for symmetry,
 * at points where finite differences of the original are safe ({@link MethodBatch#safePoints}:
 * the gradient's branch decisions are the original's, so the same points are safe for it).
 *
 * <p>{@value #DEFAULT_COUNT} programs in the test command, spread over the levels; run more by hand
 * with {@code -Dad4j.random.hessians=N -Dad4j.random.seed=S}.
 */
class RandomSecondOrderTest {

  static final int DEFAULT_COUNT = 24;
  static final int COUNT = Integer.getInteger("ad4j.random.hessians", DEFAULT_COUNT);
  static final long SEED = Long.getLong("ad4j.random.seed", 20240601L) ^ 0x2EC0DL;
  static final int BATCH = 6;

  /** Finite differences of the gradient at two step sizes must agree this well to be trusted. */
  static final double CONSISTENCY = 1e-7;

  private static final AtomicInteger checked = new AtomicInteger();
  private static final AtomicInteger unchecked = new AtomicInteger();

  @TestFactory
  Stream<DynamicNode> hessiansOfRandomProgramsMatchFiniteDifferencesOfTheirGradients() {
    List<DynamicNode> nodes = new ArrayList<>();
    Level[] levels = Level.values();
    for (Level level : levels) {
      int count = COUNT / levels.length + (level.ordinal() < COUNT % levels.length ? 1 : 0);
      List<Program> programs = new ArrayList<>();
      for (int k = 0; k < count; k++) {
        Program p =
            ProgramGenerator.generate(
                "h" + (k % BATCH), RandomProgramTest.programSeed(SEED, level, k), level);
        if (secondOrderWrt(p).length > 0) {
          programs.add(p);
        }
      }
      for (int b = 0; b * BATCH < programs.size(); b++) {
        List<Program> batch = programs.subList(b * BATCH, Math.min(programs.size(), (b + 1) * BATCH));
        List<MethodBatch.Member> members = new ArrayList<>();
        for (Program p : batch) {
          members.add(new MethodBatch.Member(p.name(), withHessian(p)));
        }
        MethodBatch methods = MethodBatch.of("Second" + level.ordinal() + "x" + b, members);
        for (Program p : batch) {
          nodes.add(
              DynamicTest.dynamicTest(
                  level + " " + p.name() + " (seed " + p.seed() + ")", () -> check(methods, p)));
        }
      }
    }
    nodes.add(
        DynamicTest.dynamicTest(
            "summary",
            () -> {
              System.out.printf(
                  "random second order: %d checked, %d without a safe point%n",
                  checked.get(), unchecked.get());
              assertThat(unchecked.get()).isLessThanOrEqualTo((checked.get() + unchecked.get()) / 5);
            }));
    return nodes.stream();
  }

  private static void check(MethodBatch methods, Program p) {
    int[] wrt = secondOrderWrt(p);
    MethodBatch.Points chosen =
        methods.safePoints(p.name(), wrt, p::draw, new Random(p.seed() ^ 0x5EC0DL), 1, 8, 1e-8);
    if (chosen.points().isEmpty()) {
      unchecked.incrementAndGet();
      return;
    }
    Differentiated d = methods.differentiated(p.name());
    for (Object[] point : chosen.points()) {
      try {
        checkAt(d, p, wrt, point);
      } catch (AssertionError e) {
        throw new AssertionError(
            "random program " + p.name() + " (level " + p.level() + ", seed " + p.seed() + ")\n"
                + withHessian(p) + "\n" + e.getMessage(),
            e);
      }
    }
  }

  private static void checkAt(Differentiated d, Program p, int[] wrt, Object[] point) {
    double[][] hessian = (double[][]) d.generated(p.name() + "Hessian", Arguments.copy(point));
    double[] x = Arguments.flatten(point, wrt);
    assertThat(hessian.length).as("rows of %sHessian", p.name()).isEqualTo(x.length);
    double scale = 1;
    for (double[] row : hessian) {
      for (double h : row) {
        scale = Math.max(scale, Math.abs(h));
      }
    }
    boolean trusted = true;
    for (int j = 0; j < x.length && trusted; j++) {
      for (int i = 0; i < x.length; i++) {
        int row = i;
        int column = j;
        java.util.function.DoubleUnaryOperator gradient =
            t -> {
              double[] moved = x.clone();
              moved[column] = t;
              return gradient(d, p, wrt, point, moved)[row];
            };
        double expected = FiniteDifferences.derivative(gradient, x[j]);
        double coarser = FiniteDifferences.derivative(gradient, x[j], 2 * FiniteDifferences.RELATIVE_STEP);
        if (Math.abs(expected - coarser) > CONSISTENCY * Math.max(1, Math.abs(expected))) {
          trusted = false; // the gradient varies too fast here for the oracle
          break;
        }
        assertThat(hessian[i][j])
            .as("%sHessian[%d][%d] at %s (finite differences of the gradient: %s)",
                p.name(), i, j, Arguments.describe(point), expected)
            .isCloseTo(expected, within(1e-6 * scale));
        assertThat(hessian[i][j])
            .as("symmetry of %sHessian [%d][%d]", p.name(), i, j)
            .isCloseTo(hessian[j][i], within(1e-10 * scale));
      }
    }
    (trusted ? checked : unchecked).incrementAndGet();
  }

  /** The flattened gradient from the record form, at {@code point} with its wrt entries {@code x}. */
  private static double[] gradient(Differentiated d, Program p, int[] wrt, Object[] point, double[] x) {
    Object[] args = Arguments.copy(point);
    int offset = 0;
    for (int index : wrt) {
      if (args[index] instanceof Double) {
        args[index] = x[offset++];
      } else {
        double[] a = (double[]) args[index];
        System.arraycopy(x, offset, a, 0, a.length);
        offset += a.length;
      }
    }
    Object record = d.generated(p.name() + "Gradient", args);
    double[] flat = new double[x.length];
    offset = 0;
    for (int index : wrt) {
      double[] block =
          Arguments.flatten(
              Differentiated.component(record, "d" + p.name() + "d" + p.params().get(index).name()));
      System.arraycopy(block, 0, flat, offset, block.length);
      offset += block.length;
    }
    return flat;
  }

  /** The program's wrt parameters that second derivatives are taken for: scalars and double[]. */
  private static int[] secondOrderWrt(Program p) {
    return java.util.Arrays.stream(p.wrtIndex())
        .filter(i -> p.params().get(i).type().equals("double") || p.params().get(i).type().equals("double[]"))
        .toArray();
  }

  /** The program's source, asking for second derivatives with respect to those parameters. */
  private static String withHessian(Program p) {
    StringBuilder wrt = new StringBuilder();
    for (int i : secondOrderWrt(p)) {
      wrt.append(wrt.length() == 0 ? "" : ", ").append('"').append(p.params().get(i).name()).append('"');
    }
    return p.source()
        .replaceFirst(
            "  @Differentiable(\\(wrt = \\{[^}]*\\}\\))?\n",
            "  @io.github.ad4j.Hessian\n  @Differentiable(wrt = {" + wrt + "})\n");
  }
}

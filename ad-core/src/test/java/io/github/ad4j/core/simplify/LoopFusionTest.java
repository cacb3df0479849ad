package io.github.ad4j.core.simplify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ad4j.core.testing.Arguments;
import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.FiniteDifferences;
import io.github.ad4j.core.testing.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Loop fusion, as a specification: where the backward sweep's loop only adds into adjoints and
 * reads what the forward loop leaves as it was, the generated pullback and value-and-gradient
 * forms run one loop, forwards, over the data; wherever that would change a result they keep
 * both loops. Every method, fused or not, is checked in all its forms against finite differences
 * of the original ({@link GradientCheck}) at several points, so a fusion that changed a result
 * fails here as surely as one that did not happen.
 */
class LoopFusionTest {

  private static final String FUSED_HEADER = "// Forward and backward sweeps in one loop";

  private static final String SOURCE =
      """
      package p;

      import io.github.ad4j.Differentiable;
      import io.github.ad4j.Hessian;

      class L {
        // ---- fused: each backward trip only adds into adjoints ----

        @Differentiable
        @Hessian
        static double rosenbrock(double[] x) {
          double s = 0;
          for (int i = 0; i + 1 < x.length; i++) {
            double t = x[i + 1] - x[i] * x[i];
            s += 100 * t * t + (1 - x[i]) * (1 - x[i]);
          }
          return s;
        }

        /** The benchmark's spelling: the bound written as x.length - 1, two recomputed locals. */
        @Differentiable
        static double rosenbrockBound(double[] x) {
          double sum = 0;
          for (int i = 0; i < x.length - 1; i++) {
            double t = x[i + 1] - x[i] * x[i];
            double u = 1 - x[i];
            sum += 100 * t * t + u * u;
          }
          return sum;
        }

        /** Residuals of a line through data: scalar parameters, whose adjoints are sums. */
        @Differentiable(wrt = {"a", "b"})
        static double sumOfSquares(double a, double b, double[] t, double[] y) {
          double s = 0;
          for (int i = 0; i < t.length; i++) {
            double r = a * t[i] + b - y[i];
            s += r * r;
          }
          return 0.5 * s;
        }

        /** Residuals of a parabola, averaged: the seed's adjoint depends on a length, not on s. */
        @Differentiable(wrt = {"p"})
        static double meanSquaredResidual(double[] p, double[] t, double[] y) {
          double s = 0;
          for (int i = 0; i < t.length; i++) {
            double r = p[0] + p[1] * t[i] + p[2] * t[i] * t[i] - y[i];
            s += r * r;
          }
          return s / t.length;
        }

        /** Three arrays accumulated in one trip, and a Math call the backward trip reuses. */
        @Differentiable(wrt = {"w", "x", "c"})
        static double several(double[] w, double[] x, double[] c, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            double u = w[i] * x[i] + c[i];
            s += Math.sin(u) + u * u;
          }
          return s;
        }

        // ---- not fused: a backward trip would read something the forward loop changes ----

        /** ds = 2 s seed: the backward loop needs the sum the forward loop ends with. */
        @Differentiable
        static double squared(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i];
          }
          return s * s;
        }

        /** ds = seed / s, the same through a Math call. */
        @Differentiable
        static double logSum(double[] x) {
          double s = 1;
          for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i];
          }
          return Math.log(s);
        }

        /** Each trip writes an element the next trip reads. */
        @Differentiable
        static double prefix(double[] x) {
          double s = 0;
          for (int i = 1; i < x.length; i++) {
            x[i] = x[i] + x[i - 1] * x[i - 1];
            s += x[i];
          }
          return s;
        }

        /** The backward trips pop the partial products off a tape, last first. */
        @Differentiable
        static double product(double[] x) {
          double p = 1;
          for (int i = 0; i < x.length; i++) {
            p *= Math.sin(x[i]) + 2;
          }
          return p;
        }

        /** Two loops: each sweep has two, and which pairs with which is not this fusion's job. */
        @Differentiable
        static double twoLoops(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i];
          }
          double q = 0;
          for (int i = 0; i < x.length; i++) {
            q += x[i] * x[i] * x[i];
          }
          return s + q;
        }

        /** The statements after the loop use its result: dc = dm s needs the final s. */
        @Differentiable
        static double usedAfter(double[] x, double c) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += c * x[i] * x[i];
          }
          double m = s * c;
          return m + s;
        }
      }
      """;

  private static final Differentiated L = Differentiated.of("L", SOURCE);

  private static final long SEED = 4711;

  // ---- fused ----------------------------------------------------------------------------

  @Test
  void rosenbrockRunsOneLoopForwardsInItsGradientAndPullback() {
    assertFused("rosenbrock", "i + 1 < x.length");
    GradientCheck.verify(L, "rosenbrock", new String[] {"x"}, new int[] {0},
        points(n -> new Object[] {vector(n, -1.5, 1.5)}));
  }

  @Test
  void rosenbrockReusesTheForwardTripsLocalInsteadOfComputingItAgain() {
    String pullback = method("rosenbrockPullback");
    assertThat(Pattern.compile("(?m)^\\s*double t = ").matcher(pullback).results().count())
        .as("declarations of t in%n%s", pullback)
        .isEqualTo(1);
    // the comments of the backward statements stay with them, inside the fused loop
    String loop = pullback.substring(pullback.indexOf("for ("));
    assertThat(loop).contains("// grad of: s += ").contains("// grad of: double t = ");
  }

  @Test
  void rosenbrockWithItsBoundWrittenAsLengthMinusOneFusesToo() {
    assertFused("rosenbrockBound", "i < x.length - 1");
    GradientCheck.verify(L, "rosenbrockBound", new String[] {"x"}, new int[] {0},
        points(n -> new Object[] {vector(n, -1.5, 1.5)}));
  }

  @Test
  void rosenbrocksSecondOrderFormsFuseAndMatchFiniteDifferencesOfTheGradient() {
    assertThat(count(method("rosenbrockHessianVector"), "for (")).isEqualTo(1);
    assertThat(count(method("rosenbrockPushforwardPullback"), "for (")).isEqualTo(1);
    Random random = new Random(SEED);
    for (int n = 2; n <= 5; n++) {
      double[] x = vector(random, n, -1.5, 1.5);
      double[][] hessian = (double[][]) L.generated("rosenbrockHessian", x.clone());
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          int row = i;
          int column = j;
          double expected =
              FiniteDifferences.derivative(
                  t -> {
                    double[] moved = x.clone();
                    moved[column] = t;
                    Object record = L.generated("rosenbrockGradient", (Object) moved);
                    return ((double[]) Differentiated.component(record, "drosenbrockdx"))[row];
                  },
                  x[column]);
          assertThat(hessian[i][j])
              .as("rosenbrockHessian[%d][%d] at %s", i, j, Arguments.describe(new Object[] {x}))
              .isCloseTo(expected, within(1e-6 * Math.max(1, Math.abs(expected))));
        }
      }
    }
  }

  @Test
  void aSumOfSquaredResidualsWithScalarParametersFuses() {
    assertFused("sumOfSquares", "i < t.length");
    GradientCheck.verify(L, "sumOfSquares", new String[] {"a", "b"}, new int[] {0, 1},
        points(n -> new Object[] {0.7 * n - 1, 0.3 - 0.2 * n, vector(n, -2, 2), vector(n, -1, 1)}));
  }

  @Test
  void aMeanOfSquaredResidualsFusesSinceItsSeedDependsOnALengthOnly() {
    assertFused("meanSquaredResidual", "i < t.length");
    assertThat(method("meanSquaredResidualPullback"))
        .as("the seed's way down, hoisted before the loop")
        .containsPattern("double ds = seed / t\\.length;\\s+for \\(int i = 0;");
    GradientCheck.verify(L, "meanSquaredResidual", new String[] {"p"}, new int[] {0},
        points(n -> new Object[] {vector(3, -1, 1), vector(n, -2, 2), vector(n, -1, 1)}));
  }

  @Test
  void severalAccumulatedArraysFuse() {
    assertFused("several", "i < n");
    GradientCheck.verify(L, "several", new String[] {"w", "x", "c"}, new int[] {0, 1, 2},
        points(n -> new Object[] {vector(n, -1, 1), vector(n, -1, 1), vector(n, -1, 1), n}));
  }

  // ---- not fused --------------------------------------------------------------------------

  @Test
  void anAdjointOfTheResultThatReadsTheSumKeepsTwoLoops() {
    GradientCheck.verify(L, "squared", new String[] {"x"}, new int[] {0},
        points(n -> new Object[] {vector(n, -1, 1)}));
    assertNotFused("squared", 1);
  }

  @Test
  void aLogarithmOfTheSumKeepsTwoLoops() {
    GradientCheck.verify(L, "logSum", new String[] {"x"}, new int[] {0},
        points(n -> new Object[] {vector(n, -1, 1)}));
    assertNotFused("logSum", 1);
  }

  @Test
  void aLoopWritingAnArrayTheNextTripReadsKeepsTwoLoops() {
    GradientCheck.verify(L, "prefix", new String[] {"x"}, new int[] {0},
        points(n -> new Object[] {vector(n, -0.8, 0.8)}));
    assertNotFused("prefix", 1);
  }

  @Test
  void aLoopWhoseBackwardTripsPopATapeKeepsTwoLoops() {
    assertThat(method("productPullback")).contains("[--");
    GradientCheck.verify(L, "product", new String[] {"x"}, new int[] {0},
        points(n -> new Object[] {vector(n, -2, 2)}));
    assertNotFused("product", 1);
  }

  @Test
  void twoConsecutiveLoopsAreLeftAlone() {
    GradientCheck.verify(L, "twoLoops", new String[] {"x"}, new int[] {0},
        points(n -> new Object[] {vector(n, -1, 1)}));
    assertNotFused("twoLoops", 2);
  }

  @Test
  void statementsAfterTheLoopThatUseItsResultKeepTwoLoops() {
    GradientCheck.verify(L, "usedAfter", new String[] {"x", "c"}, new int[] {0, 1},
        points(n -> new Object[] {vector(n, -1, 1), 0.5 + 0.25 * n}));
    assertNotFused("usedAfter", 1);
  }

  // ---- random sums over a loop --------------------------------------------------------------

  /**
   * Random sums over one loop, from a fixed seed: bodies of arithmetic on {@code x[i]}, {@code
   * x[i + k]}, {@code y[i]} and a scalar parameter, sometimes through {@code Math.sin} (taped, so
   * not fused), one or two accumulators, and a return that is linear in the sums (fused) or not
   * ({@code s * s}, {@code s * a}: not fused). Each is checked against finite differences; both
   * outcomes must occur, so the check covers fused code. The randomized tests of {@code
   * randomized} hardly ever generate a loop that fuses, so this is the randomized check of fusion:
   * {@code -Dad4j.fusion.count=N -Dad4j.fusion.seed=S} for more.
   */
  @Test
  void randomSumsOverALoopMatchFiniteDifferencesFusedOrNot() {
    Random random = new Random(Long.getLong("ad4j.fusion.seed", SEED));
    int count = Integer.getInteger("ad4j.fusion.count", 40);
    StringBuilder source = new StringBuilder("package p;\n\nimport io.github.ad4j.Differentiable;\n\nclass R {\n");
    for (int m = 0; m < count; m++) {
      source.append(randomSum("f" + m, random));
    }
    Differentiated r = Differentiated.of("R", source.append("}\n").toString());
    int fused = 0;
    for (int m = 0; m < count; m++) {
      String name = "f" + m;
      GradientCheck.verify(r, name, new String[] {"x", "a"}, new int[] {0, 1},
          List.of(
              new Object[] {vector(random, 1, -1, 1), 0.9, vector(random, 1, -1, 1)},
              new Object[] {vector(random, 3, -1, 1), 1.1, vector(random, 3, -1, 1)},
              new Object[] {vector(random, 6, -1, 1), 0.7, vector(random, 6, -1, 1)}));
      if (method(r, name + "Pullback").contains(FUSED_HEADER)) {
        fused++;
      }
    }
    assertThat(fused).as("methods fused of %d", count).isBetween(count / 5, count - count / 5);
  }

  /** A random {@code static double name(double[] x, double a, double[] y)} summing over x. */
  private static String randomSum(String name, Random random) {
    int k = random.nextInt(2);
    String header =
        switch (random.nextInt(3)) {
          case 0 -> "for (int i = 0; i + " + k + " < x.length; i++)";
          case 1 -> "for (int i = 0; i < x.length - " + k + "; i++)";
          default -> "for (int i = " + k + "; i < x.length; i++)";
        };
    // with the last form, x[i - k] is the other element; with the first two, x[i + k]
    String other = header.startsWith("for (int i = 0") ? "x[i + " + k + "]" : "x[i - " + k + "]";
    List<String> operands = new ArrayList<>(List.of("x[i]", other, "y[i]", "a", "0.5", "1.5"));
    StringBuilder body = new StringBuilder();
    int locals = random.nextInt(3);
    for (int l = 0; l < locals; l++) {
      String expr = randomExpr(operands, random, 2);
      if (random.nextInt(4) == 0) {
        expr = "Math.sin(" + expr + ")";
      }
      body.append("      double t").append(l).append(" = ").append(expr).append(";\n");
      operands.add("t" + l);
    }
    boolean two = random.nextBoolean();
    body.append("      s ").append(random.nextInt(4) == 0 ? "-=" : "+=").append(' ')
        .append(randomExpr(operands, random, 3)).append(";\n");
    if (two) {
      body.append("      q += ").append(randomExpr(operands, random, 2)).append(";\n");
    }
    String sum = two ? "(s + 2 * q)" : "s";
    String returned =
        switch (random.nextInt(6)) {
          case 0 -> sum;
          case 1 -> sum + " / x.length";
          case 2 -> "3 * " + sum + " - 1";
          case 3 -> sum + " * " + sum;
          case 4 -> sum + " * a";
          default -> "Math.exp(0.1 * " + sum + ")";
        };
    return "  @Differentiable(wrt = {\"x\", \"a\"})\n"
        + "  static double " + name + "(double[] x, double a, double[] y) {\n"
        + "    double s = " + (random.nextBoolean() ? "0" : "a") + ";\n"
        + (two ? "    double q = 1;\n" : "")
        + "    " + header + " {\n" + body + "    }\n"
        + "    return " + returned + ";\n  }\n";
  }

  private static String randomExpr(List<String> operands, Random random, int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return operands.get(random.nextInt(operands.size()));
    }
    String op = List.of(" + ", " - ", " * ").get(random.nextInt(3));
    return "(" + randomExpr(operands, random, depth - 1) + op + randomExpr(operands, random, depth - 1)
        + ")";
  }

  // ---- helpers ----------------------------------------------------------------------------

  /**
   * The pullback and the value-and-gradient record form of {@code name} each have exactly one
   * loop, the forward loop with the bound {@code condition}, running forwards.
   */
  private static void assertFused(String name, String condition) {
    for (String form : List.of(name + "Pullback", name + "Gradient")) {
      String body = method(form);
      assertThat(count(body, "for (")).as("loops of %s:%n%s", form, body).isEqualTo(1);
      assertThat(body).as(form).contains(FUSED_HEADER).contains("; " + condition + "; i++)")
          .doesNotContain("i--");
    }
  }

  /**
   * The pullback and the record form of {@code name} keep the forward sweep's {@code loops} loops
   * over {@code i} and the backward sweep's as many, running backwards.
   */
  private static void assertNotFused(String name, int loops) {
    for (String form : List.of(name + "Pullback", name + "Gradient")) {
      String body = method(form);
      assertThat(count(body, "for (int i = ")).as("loops of %s:%n%s", form, body)
          .isEqualTo(2 * loops);
      assertThat(body).as(form).doesNotContain(FUSED_HEADER).contains("// Backward sweep")
          .contains("i--");
    }
  }

  /** The generated source of method {@code name}, the first one of that name, to its end. */
  private static String method(String name) {
    return method(L, name);
  }

  private static String method(Differentiated d, String name) {
    String source = d.generatedSource();
    Matcher start = Pattern.compile("\\n  public static [^\\n]* " + name + "\\(").matcher(source);
    assertThat(start.find()).as("generated method %s", name).isTrue();
    int end = source.indexOf("\n  }\n", start.start());
    return source.substring(start.start(), end);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int k = text.indexOf(part); k >= 0; k = text.indexOf(part, k + 1)) {
      n++;
    }
    return n;
  }

  /** Argument lists for lengths 1 (no trip, or one), 2, 3, 5 and 8, from a fixed seed. */
  private static List<Object[]> points(IntFunction<Object[]> point) {
    List<Object[]> points = new ArrayList<>();
    for (int n : new int[] {1, 2, 3, 5, 8}) {
      points.add(point.apply(n));
    }
    return points;
  }

  private static final Random RANDOM = new Random(SEED);

  private static double[] vector(int n, double low, double high) {
    return vector(RANDOM, n, low, high);
  }

  private static double[] vector(Random random, int n, double low, double high) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = low + (high - low) * random.nextDouble();
    }
    return v;
  }
}

package io.github.ad4j.core.simplify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Origin;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.testing.Arguments;
import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.FiniteDifferences;
import io.github.ad4j.core.testing.GradientCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
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
        points((n, random) -> new Object[] {vector(random, n, -1.5, 1.5)}));
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
        points((n, random) -> new Object[] {vector(random, n, -1.5, 1.5)}));
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
      // the fused pullback of the pushforward: returns ∇f·v, adds seed·H v and seed·∇f
      double[] v = vector(random, n, -1, 1);
      double seed = -1.25;
      double[] gradient =
          (double[]) Differentiated.component(L.generated("rosenbrockGradient", x.clone()),
              "drosenbrockdx");
      double[] hv = new double[n];
      double[] dv = new double[n];
      Arrays.fill(hv, 0.5);
      Arrays.fill(dv, -0.5);
      double tangent =
          (double) L.generated(
              "rosenbrockPushforwardPullback", x.clone(), v.clone(), seed, hv, dv);
      double directional = 0;
      for (int i = 0; i < n; i++) {
        directional += gradient[i] * v[i];
        double hessianTimesV = 0;
        for (int j = 0; j < n; j++) {
          hessianTimesV += hessian[i][j] * v[j];
        }
        assertThat(hv[i]).as("rosenbrockPushforwardPullback's H v [%d], n = %d", i, n)
            .isCloseTo(
                0.5 + seed * hessianTimesV, within(1e-9 * Math.max(1, Math.abs(hessianTimesV))));
        assertThat(dv[i]).as("rosenbrockPushforwardPullback's ∇f [%d], n = %d", i, n)
            .isCloseTo(
                -0.5 + seed * gradient[i], within(1e-9 * Math.max(1, Math.abs(gradient[i]))));
      }
      assertThat(tangent).as("rosenbrockPushforwardPullback's value, n = %d", n)
          .isCloseTo(directional, within(1e-9 * Math.max(1, Math.abs(directional))));
    }
  }

  @Test
  void aSumOfSquaredResidualsWithScalarParametersFuses() {
    assertFused("sumOfSquares", "i < t.length");
    GradientCheck.verify(L, "sumOfSquares", new String[] {"a", "b"}, new int[] {0, 1},
        points((n, random) -> new Object[] {
            0.7 * n - 1, 0.3 - 0.2 * n, vector(random, n, -2, 2), vector(random, n, -1, 1)}));
  }

  @Test
  void aMeanOfSquaredResidualsFusesSinceItsSeedDependsOnALengthOnly() {
    assertFused("meanSquaredResidual", "i < t.length");
    assertThat(method("meanSquaredResidualPullback"))
        .as("the seed's way down, hoisted before the loop")
        .containsPattern("double ds = seed / t\\.length;\\s+for \\(int i = 0;");
    GradientCheck.verify(L, "meanSquaredResidual", new String[] {"p"}, new int[] {0},
        points((n, random) -> new Object[] {
            vector(random, 3, -1, 1), vector(random, n, -2, 2), vector(random, n, -1, 1)}));
  }

  @Test
  void severalAccumulatedArraysFuse() {
    assertFused("several", "i < n");
    GradientCheck.verify(L, "several", new String[] {"w", "x", "c"}, new int[] {0, 1, 2},
        points((n, random) -> new Object[] {
            vector(random, n, -1, 1), vector(random, n, -1, 1), vector(random, n, -1, 1), n}));
  }

  // ---- not fused --------------------------------------------------------------------------

  @Test
  void anAdjointOfTheResultThatReadsTheSumKeepsTwoLoops() {
    GradientCheck.verify(L, "squared", new String[] {"x"}, new int[] {0},
        points((n, random) -> new Object[] {vector(random, n, -1, 1)}));
    assertNotFused("squared", 1);
  }

  @Test
  void aLogarithmOfTheSumKeepsTwoLoops() {
    GradientCheck.verify(L, "logSum", new String[] {"x"}, new int[] {0},
        points((n, random) -> new Object[] {vector(random, n, -1, 1)}));
    assertNotFused("logSum", 1);
  }

  @Test
  void aLoopWritingAnArrayTheNextTripReadsKeepsTwoLoops() {
    GradientCheck.verify(L, "prefix", new String[] {"x"}, new int[] {0},
        points((n, random) -> new Object[] {vector(random, n, -0.8, 0.8)}));
    assertNotFused("prefix", 1);
  }

  @Test
  void aLoopWhoseBackwardTripsPopATapeKeepsTwoLoops() {
    assertThat(method("productPullback")).contains("[--");
    GradientCheck.verify(L, "product", new String[] {"x"}, new int[] {0},
        points((n, random) -> new Object[] {vector(random, n, -2, 2)}));
    assertNotFused("product", 1);
  }

  @Test
  void twoConsecutiveLoopsAreLeftAlone() {
    GradientCheck.verify(L, "twoLoops", new String[] {"x"}, new int[] {0},
        points((n, random) -> new Object[] {vector(random, n, -1, 1)}));
    assertNotFused("twoLoops", 2);
  }

  @Test
  void statementsAfterTheLoopThatUseItsResultKeepTwoLoops() {
    GradientCheck.verify(L, "usedAfter", new String[] {"x", "c"}, new int[] {0, 1},
        points((n, random) -> new Object[] {vector(random, n, -1, 1), 0.5 + 0.25 * n}));
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
      if (r.generatedMethod(name + "Pullback").contains(FUSED_HEADER)) {
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

  // ---- on the statements: which backward locals are the forward trip's -----------------------

  /**
   * The backward trip's {@code double t = x[i] * 2} is the forward trip's {@code t}: the same
   * declaration, nothing assigns {@code t} or its operands afterwards. The fused body reads the
   * forward trip's value and declares no second {@code t}.
   */
  @Test
  void aRecomputedLocalEqualToTheForwardTripsIsReadFromIt() {
    List<Stmt> forward = forwardSweep(List.of());
    List<Stmt> backward = backwardSweep(times(X_I, 2));
    LoopFusion.Fused fused = LoopFusion.fuse(forward, backward, SIMPLIFIER, VARIABLES.keySet()).orElseThrow();
    assertThat(loopBody(fused))
        .containsExactly(
            declareT(times(X_I, 2)),
            new Stmt.Assign(new Expr.Var("s"), AssignOp.ADD, T, null),
            new Stmt.Assign(DX_I, AssignOp.ADD, new Expr.Binary(BinaryOp.MULTIPLY, DS, T), null));
    assertThat(fused.fused().get(0)).as("the adjoint's set-up, hoisted").isEqualTo(backward.get(0));
  }

  /** A backward local of the same name but another value keeps its value under a fresh name. */
  @Test
  void aBackwardLocalThatDiffersFromTheForwardTripsIsRenamed() {
    LoopFusion.Fused fused =
        LoopFusion.fuse(forwardSweep(List.of()), backwardSweep(times(X_I, 3)), SIMPLIFIER,
                VARIABLES.keySet())
            .orElseThrow();
    Expr.Var t2 = new Expr.Var("t2");
    assertThat(loopBody(fused).subList(2, 4))
        .containsExactly(
            new Stmt.Declare(JType.DOUBLE, "t2", times(X_I, 3), null),
            new Stmt.Assign(DX_I, AssignOp.ADD, new Expr.Binary(BinaryOp.MULTIPLY, DS, t2), null));
  }

  /**
   * The forward trip changes {@code t} after declaring it ({@code t *= 2}): at the end of the
   * trip it is no longer what the backward trip computes, so that is computed again, renamed.
   */
  @Test
  void aForwardLocalAssignedAfterItsDeclarationIsNotReused() {
    Stmt doubled = new Stmt.Assign(T, AssignOp.MULTIPLY, Expr.Literal.ofInt(2), null);
    LoopFusion.Fused fused =
        LoopFusion.fuse(forwardSweep(List.of(doubled)), backwardSweep(times(X_I, 2)), SIMPLIFIER,
                VARIABLES.keySet())
            .orElseThrow();
    assertThat(loopBody(fused).get(3)).isEqualTo(new Stmt.Declare(JType.DOUBLE, "t2", times(X_I, 2), null));
  }

  /** A backward loop over other indices ({@code i} from n - 2) is not the reverse: no fusion. */
  @Test
  void aBackwardLoopOverOtherIndicesIsNotFused() {
    List<Stmt> backward = new ArrayList<>(backwardSweep(times(X_I, 2)));
    Stmt.Loop loop = (Stmt.Loop) backward.get(1);
    backward.set(1,
        new Stmt.Loop(loop.kind(),
            List.of(new Stmt.Declare(JType.INT, "i",
                new Expr.Binary(BinaryOp.SUBTRACT, N, Expr.Literal.ofInt(2)), null)),
            loop.condition(), loop.update(), loop.body(), loop.origin()));
    assertThat(LoopFusion.fuse(forwardSweep(List.of()), backward, SIMPLIFIER, VARIABLES.keySet()))
        .isEmpty();
  }

  private static final Origin LOOP = new Origin("p/L.java", "L.java", 3, 5, "for (...)");
  private static final Expr.Var I = new Expr.Var("i");
  private static final Expr.Var N = new Expr.Var("n");
  private static final Expr.Var T = new Expr.Var("t");
  private static final Expr.Var DS = new Expr.Var("ds");
  private static final Expr X_I = new Expr.ArrayAccess(new Expr.Var("x"), I);
  private static final Expr DX_I = new Expr.ArrayAccess(new Expr.Var("dx"), I);
  private static final java.util.Map<String, JType> VARIABLES =
      java.util.Map.of(
          "x", new JType(JType.Primitive.DOUBLE, 1), "n", JType.INT, "i", JType.INT,
          "s", JType.DOUBLE, "t", JType.DOUBLE, "seed", JType.DOUBLE, "ds", JType.DOUBLE,
          "dx", new JType(JType.Primitive.DOUBLE, 1));
  private static final ExprSimplifier SIMPLIFIER = new ExprSimplifier(VARIABLES);

  private static Expr times(Expr e, int k) {
    return new Expr.Binary(BinaryOp.MULTIPLY, e, Expr.Literal.ofInt(k));
  }

  private static Stmt declareT(Expr init) {
    return new Stmt.Declare(JType.DOUBLE, "t", init, null);
  }

  /** {@code double s = 0; for (int i = 0; i < n; i++) { double t = x[i] * 2; s += t; then } }. */
  private static List<Stmt> forwardSweep(List<Stmt> then) {
    List<Stmt> body = new ArrayList<>();
    body.add(declareT(times(X_I, 2)));
    body.add(new Stmt.Assign(new Expr.Var("s"), AssignOp.ADD, T, null));
    body.addAll(then);
    return List.of(
        new Stmt.Declare(JType.DOUBLE, "s", Expr.Literal.ofInt(0), null),
        new Stmt.Loop(Stmt.LoopKind.FOR,
            List.of(new Stmt.Declare(JType.INT, "i", Expr.Literal.ofInt(0), null)),
            new Expr.Binary(BinaryOp.LESS, I, N),
            List.of(new Stmt.Assign(I, AssignOp.ADD, Expr.Literal.ofInt(1), null)),
            body, LOOP));
  }

  /** {@code double ds = seed; for (int i = n - 1; i >= 0; i--) { double t = init; dx[i] += ds * t; } }. */
  private static List<Stmt> backwardSweep(Expr init) {
    return List.of(
        new Stmt.Declare(JType.DOUBLE, "ds", new Expr.Var("seed"), null),
        new Stmt.Loop(Stmt.LoopKind.FOR,
            List.of(new Stmt.Declare(JType.INT, "i",
                new Expr.Binary(BinaryOp.SUBTRACT, N, Expr.Literal.ofInt(1)), null)),
            new Expr.Binary(BinaryOp.GREATER_EQUALS, I, Expr.Literal.ofInt(0)),
            List.of(new Stmt.Assign(I, AssignOp.SUBTRACT, Expr.Literal.ofInt(1), null)),
            List.of(
                declareT(init),
                new Stmt.Assign(DX_I, AssignOp.ADD, new Expr.Binary(BinaryOp.MULTIPLY, DS, T), null)),
            LOOP));
  }

  /** The body of the fused loop. */
  private static List<Stmt> loopBody(LoopFusion.Fused fused) {
    return fused.fused().stream()
        .filter(s -> s instanceof Stmt.Loop)
        .map(s -> ((Stmt.Loop) s).body())
        .findFirst()
        .orElseThrow();
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
   * over {@code i} and the backward sweep's as many, apart (running up or down, see LoopOrder).
   */
  private static void assertNotFused(String name, int loops) {
    for (String form : List.of(name + "Pullback", name + "Gradient")) {
      String body = method(form);
      assertThat(count(body, "for (int i = ")).as("loops of %s:%n%s", form, body)
          .isEqualTo(2 * loops);
      assertThat(body).as(form).doesNotContain(FUSED_HEADER).contains("// Backward sweep");
    }
  }

  private static String method(String name) {
    return L.generatedMethod(name);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int k = text.indexOf(part); k >= 0; k = text.indexOf(part, k + 1)) {
      n++;
    }
    return n;
  }

  /**
   * Argument lists for lengths 1 (no trip, or one), 2, 3, 5 and 8, from a fixed seed of their
   * own: a test's numbers do not depend on which tests ran before it.
   */
  private static List<Object[]> points(BiFunction<Integer, Random, Object[]> point) {
    Random random = new Random(SEED);
    List<Object[]> points = new ArrayList<>();
    for (int n : new int[] {1, 2, 3, 5, 8}) {
      points.add(point.apply(n, random));
    }
    return points;
  }

  private static double[] vector(Random random, int n, double low, double high) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = low + (high - low) * random.nextDouble();
    }
    return v;
  }
}

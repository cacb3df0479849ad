package io.github.ad4j.core.simplify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Loop order, as a specification: a backward loop whose trips each touch only their own
 * elements runs upwards, with the header its forward loop has; any other keeps running down, as
 * reverse mode replays it. Every method is checked against finite differences of the original at
 * several points, and its four reverse forms against one another.
 */
class LoopOrderTest {

  private static final String SOURCE =
      """
      package p;

      import io.github.ad4j.Differentiable;

      class L {
        // ---- upwards ----

        /** Each trip of the inner backward loop adds into its own dw[k]. */
        @Differentiable(wrt = "w")
        static double squaredDots(double[] w, double[][] x) {
          double total = 0;
          for (int s = 0; s < x.length; s++) {
            double z = 0;
            for (int k = 0; k < w.length; k++) {
              z += w[k] * x[s][k];
            }
            total += Math.sin(z);
          }
          return total;
        }

        /** A loop from 1: the forward header, i from 1 below n, comes back. */
        @Differentiable(wrt = "a")
        static double fromOne(double[] a, double c) {
          double s = 0;
          for (int i = 1; i < a.length; i++) {
            s += a[i] * a[i] * c;
          }
          return Math.log(1 + s * s);
        }

        /** Two arrays, each trip adding into its own element of both. */
        @Differentiable(wrt = {"a", "b"})
        static double twoArrays(double[] a, double[] b, double c) {
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i] * c;
          }
          return Math.exp(s);
        }

        /** i + 2 < a.length: the forward header's bound comes back as a.length - 2. */
        @Differentiable(wrt = "a")
        static double shifted(double[] a, double[] c) {
          double s = 0;
          for (int i = 0; i + 2 < a.length; i++) {
            s += a[i] * c[i + 2];
          }
          return Math.exp(s);
        }

        // ---- down ----

        /** Horner: ds carries from trip to trip, and nothing is taped. */
        @Differentiable(wrt = "a")
        static double horner(double[] a, double x) {
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            s = s * x + a[i];
          }
          return s;
        }

        /** dx[i] and dx[i + 1]: two trips add into one element, in an order that rounds. */
        @Differentiable
        static double rosenbrock(double[] x) {
          double s = 0;
          for (int i = 0; i + 1 < x.length; i++) {
            double t = x[i + 1] - x[i] * x[i];
            s += 100 * t * t + (1 - x[i]) * (1 - x[i]);
          }
          return Math.log(1 + s);
        }

        /** dt carries from trip to trip, and t comes off a tape. */
        @Differentiable(wrt = "x")
        static double power(double x, int n) {
          double t = 1;
          for (int i = 0; i < n; i++) {
            t *= x;
          }
          return t;
        }

        /** The trip writes the element across from its own. */
        @Differentiable
        static double mirrored(double[] a) {
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            s += Math.sin(a[a.length - 1 - i]) * (i + 1);
          }
          return s * s;
        }
      }
      """;

  private static final Differentiated L = Differentiated.of("L", SOURCE);

  private static final List<String> FORMS = List.of("Pullback", "Gradient");

  // ---- upwards ----------------------------------------------------------------------------

  @Test
  void anInnerLoopAddingIntoItsOwnElementsRunsUpwards() {
    for (String form : FORMS) {
      assertThat(L.generatedMethod("squaredDots" + form)).as(form)
          .contains(
              "for (int k = 0; k < w.length; k++) {\n        // grad of: z += w[k] * x[s][k];")
          .doesNotContain("k >= 0")
          .as("the sample loop pops a tape: it still runs down")
          .contains("for (int s = x.length - 1; s >= 0; s--) {");
    }
    GradientCheck.verify(L, "squaredDots", new String[] {"w"}, new int[] {0},
        List.of(
            new Object[] {new double[] {0.3, -0.7}, new double[][] {{1, 2}, {0.5, -1}, {3, 0.25}}},
            new Object[] {new double[] {1.5, 0.2, -0.4}, new double[][] {{0.1, 0.2, 0.3}}},
            new Object[] {new double[] {}, new double[][] {{}, {}}}));
  }

  @Test
  void aLoopFromOneGetsItsForwardHeaderBack() {
    for (String form : FORMS) {
      assertThat(L.generatedMethod("fromOne" + form)).as(form)
          .contains("for (int i = 1; i < a.length; i++) {\n      // grad of: s += a[i] * a[i] * c;")
          .doesNotContain("i >= 1");
    }
    GradientCheck.verify(L, "fromOne", new String[] {"a"}, new int[] {0},
        List.of(
            new Object[] {new double[] {0.3, -0.7, 1.2}, 0.5},
            new Object[] {new double[] {2.0, 0.1}, -1.5},
            new Object[] {new double[] {4.0}, 2.0}));
  }

  @Test
  void aTripAddingIntoItsOwnElementsOfTwoArraysRunsUpwards() {
    for (String form : FORMS) {
      assertThat(L.generatedMethod("twoArrays" + form)).as(form)
          .contains("for (int i = 0; i < a.length; i++) {\n      // grad of: s += a[i] * b[i] * c;")
          .doesNotContain(">= 0");
    }
    GradientCheck.verify(L, "twoArrays", new String[] {"a", "b"}, new int[] {0, 1},
        List.of(
            new Object[] {new double[] {0.3, -0.2, 0.5}, new double[] {1, 2, -0.5}, 0.7},
            new Object[] {new double[] {-1.2}, new double[] {0.25}, -0.3}));
  }

  @Test
  void aBoundWithAnOffsetComesBackAsTheForwardLoopsBound() {
    for (String form : FORMS) {
      assertThat(L.generatedMethod("shifted" + form)).as(form)
          .contains(
              "for (int i = 0; i < a.length - 2; i++) {\n      // grad of: s += a[i] * c[i + 2];");
    }
    GradientCheck.verify(L, "shifted", new String[] {"a"}, new int[] {0},
        List.of(
            new Object[] {new double[] {0.3, -0.7, 1.2, 0.4}, new double[] {1, 2, 3, -1}},
            new Object[] {new double[] {0.5, 0.1}, new double[] {2, 1}}));
  }

  // ---- down -------------------------------------------------------------------------------

  @Test
  void aScalarCarriedFromTripToTripWithNothingTapedKeepsTheOrder() {
    String pullback = L.generatedMethod("hornerPullback");
    assertThat(pullback)
        .as("nothing taped: only the carried adjoint of s keeps the loop running down")
        .doesNotContain("Tape")
        .contains("for (int i = a.length - 1; i >= 0; i--) {");
    GradientCheck.verify(L, "horner", new String[] {"a"}, new int[] {0},
        List.of(
            new Object[] {new double[] {0.3, -0.7, 1.2}, 1.5},
            new Object[] {new double[] {2.0, 0.5}, -0.8}));
  }

  @Test
  void twoTripsAddingIntoOneElementKeepTheirOrder() {
    assertThat(L.generatedMethod("rosenbrockPullback"))
        .contains("for (int i = x.length - 2; i >= 0; i--) {");
    GradientCheck.verify(L, "rosenbrock", new String[] {"x"}, new int[] {0},
        List.of(
            new Object[] {new double[] {0.3, -0.7, 1.2, 0.9}},
            new Object[] {new double[] {-1.2, 1.0}}));
  }

  @Test
  void aScalarCarriedFromTripToTripKeepsTheOrder() {
    assertThat(L.generatedMethod("powerPullback"))
        .contains("for (int i = n - 1; i >= 0; i--) {");
    GradientCheck.verify(L, "power", new String[] {"x"}, new int[] {0},
        List.of(new Object[] {1.3, 4}, new Object[] {-0.8, 3}, new Object[] {2.0, 0}));
  }

  @Test
  void aTripWritingAnotherTripsElementKeepsTheOrder() {
    for (String form : FORMS) {
      assertThat(L.generatedMethod("mirrored" + form)).as(form)
          .containsPattern("for \\(int i = a\\.length - 1; i >= 0; i--\\) \\{");
    }
    GradientCheck.verify(L, "mirrored", new String[] {"a"}, new int[] {0},
        List.of(
            new Object[] {new double[] {0.3, -0.7, 1.2}},
            new Object[] {new double[] {2.0}}));
  }

  // ---- hand-built loops: what generated sources rarely show ---------------------------------

  private static final Expr.Var I = new Expr.Var("i");

  /** {@code for (int i = n - 1; i >= 0; i--) { body }}, bound {@code last}. */
  private static Stmt.Loop down(Expr last, Stmt... body) {
    return new Stmt.Loop(
        Stmt.LoopKind.FOR,
        List.of(new Stmt.Declare(JType.INT, "i", last, null)),
        new Expr.Binary(BinaryOp.GREATER_EQUALS, I, Expr.Literal.ofInt(0)),
        List.of(new Stmt.Assign(I, AssignOp.SUBTRACT, Expr.Literal.ofInt(1), null)),
        List.of(body),
        null);
  }

  private static Expr nMinusOne() {
    return new Expr.Binary(BinaryOp.SUBTRACT, new Expr.Var("n"), Expr.Literal.ofInt(1));
  }

  private static Expr at(String array, Expr index) {
    return new Expr.ArrayAccess(new Expr.Var(array), index);
  }

  private static Stmt addInto(String array, Expr index, Expr value) {
    return new Stmt.Assign(at(array, index), AssignOp.ADD, value, null);
  }

  private static Stmt.Loop ordered(Stmt.Loop loop) {
    return (Stmt.Loop) LoopOrder.ascending(List.of(loop)).get(0);
  }

  @Test
  void aLoopAddingIntoItsOwnElementsGetsTheUpwardHeader() {
    // for (int i = n - 1; i >= 0; i--) { dx[i] += 2 * x[i + 1]; }: x is only read
    Expr xNext = at("x", new Expr.Binary(BinaryOp.ADD, I, Expr.Literal.ofInt(1)));
    Stmt.Loop loop =
        down(
            nMinusOne(),
            addInto("dx", I, new Expr.Binary(BinaryOp.MULTIPLY, Expr.Literal.ofDouble(2), xNext)));
    Stmt.Loop up = ordered(loop);
    assertThat(up.init())
        .containsExactly(new Stmt.Declare(JType.INT, "i", Expr.Literal.ofInt(0), null));
    assertThat(up.condition()).isEqualTo(new Expr.Binary(BinaryOp.LESS, I, new Expr.Var("n")));
    assertThat(up.update())
        .containsExactly(new Stmt.Assign(I, AssignOp.ADD, Expr.Literal.ofInt(1), null));
    assertThat(up.body()).isEqualTo(loop.body());
  }

  @Test
  void aTripReadingAnotherTripsElementOfAWrittenArrayKeepsTheOrder() {
    Expr next = new Expr.Binary(BinaryOp.ADD, I, Expr.Literal.ofInt(1));
    Stmt.Loop loop = down(nMinusOne(), addInto("dx", I, at("dx", next)));
    assertThat(ordered(loop)).isEqualTo(loop);
  }

  @Test
  void aBoundTheBodyWritesKeepsTheOrder() {
    // for (int i = m[0] - 1; ...) { m[i] += 1; }: the upward loop would read m[0] after trip 0
    Expr last = new Expr.Binary(BinaryOp.SUBTRACT, at("m", Expr.Literal.ofInt(0)),
        Expr.Literal.ofInt(1));
    Stmt.Loop loop = down(last, addInto("m", I, Expr.Literal.ofDouble(1)));
    assertThat(ordered(loop)).isEqualTo(loop);
  }

  @Test
  void anArrayDeclaredInTheBodyKeepsTheOrder() {
    // double[] r = dy; r[i] += 1; dx[i] += 1; (r may be any array, dx itself included)
    Stmt.Loop loop =
        down(nMinusOne(),
            new Stmt.Declare(new JType(JType.Primitive.DOUBLE, 1), "r", new Expr.Var("dy"), null),
            addInto("r", I, Expr.Literal.ofDouble(1)),
            addInto("dx", I, Expr.Literal.ofDouble(1)));
    assertThat(ordered(loop)).isEqualTo(loop);
  }

  @Test
  void aCallOfAnythingButMathKeepsTheOrder() {
    Expr call = new Expr.Call("Util", "weight", List.of(I), JType.DOUBLE);
    Stmt.Loop loop = down(nMinusOne(), addInto("dx", I, call));
    assertThat(ordered(loop)).isEqualTo(loop);
    Expr math = new Expr.Call("Math", "sin", List.of(at("x", I)), JType.DOUBLE);
    assertThat(ordered(down(nMinusOne(), addInto("dx", I, math)))).isNotEqualTo(loop);
  }

  @Test
  void theIndexAssignedInTheBodyKeepsTheOrder() {
    Stmt.Loop loop =
        down(nMinusOne(), addInto("dx", I, Expr.Literal.ofDouble(1)),
            new Stmt.Assign(I, AssignOp.SUBTRACT, Expr.Literal.ofInt(1), null));
    assertThat(ordered(loop)).isEqualTo(loop);
  }
}

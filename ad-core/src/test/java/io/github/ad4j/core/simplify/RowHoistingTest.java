package io.github.ad4j.core.simplify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.GradientCheck;
import io.github.ad4j.core.testing.Resources;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Row hoisting, as a specification: a loop over the row {@code x[s]} of a matrix reads the row
 * once, before the loop ({@code double[] xs = x[s];}), in every generated form, where nothing in
 * the loop can change which array {@code x[s]} is; elsewhere the loop reads it as written. Every
 * method is checked against finite differences of the original at several points.
 */
class RowHoistingTest {

  private static final String SOURCE =
      """
      package p;

      import io.github.ad4j.Differentiable;

      class H {
        // ---- hoisted ----

        /** vᵀ A v over a ragged A: the row is an input, read on both sweeps. */
        @Differentiable
        static double quadratic(double[][] a, double[] v) {
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
              s += a[i][j] * v[i] * v[j];
            }
          }
          return s;
        }

        /** The user's own xs: the row gets another name. */
        @Differentiable(wrt = "w")
        static double namesTaken(double[] w, double[][] x) {
          double xs = 0;
          for (int s = 0; s < x.length; s++) {
            for (int k = 0; k < x[s].length; k++) {
              xs += w[k] * x[s][k];
            }
          }
          return xs * xs;
        }

        /** The row is not the inner loop's bound, but the outer loop keeps x[i] in range. */
        @Differentiable(wrt = {"w", "b"})
        static double logistic(double[] w, double b, double[][] x, double[] y) {
          double total = 0;
          for (int i = 0; i < x.length; i++) {
            double z = b;
            for (int j = 0; j < w.length; j++) {
              z += w[j] * x[i][j];
            }
            total += Math.log1p(Math.exp(z)) - y[i] * z;
          }
          return total / x.length;
        }

        // ---- not hoisted ----

        /** i runs to n, not to x.length: x[i] may be out of range where the inner loop runs no trip. */
        @Differentiable(wrt = "w")
        static double outerBoundElsewhere(double[] w, double[][] x, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < w.length; j++) {
              s += w[j] * x[i][j] * x[i][j];
            }
          }
          return s * s;
        }

        /** The row changes from trip to trip. */
        @Differentiable(wrt = "w")
        static double rowChanges(double[] w, double[][] x) {
          double s = 0;
          int r = 0;
          for (int k = 0; k < x[r].length; k++) {
            s += w[k] * x[r][k] * x[r][k];
            r = (r + 1) % x.length;
          }
          return s;
        }

        /** The row's index is the loop's own variable, out of scope before the loop. */
        @Differentiable(wrt = "w")
        static double ownIndex(double[] w, double[][] x) {
          double s = 0;
          int k = 0;
          for (int r = 1; k < x[r].length; k++) {
            s += w[k] * x[r][k] * x[r][k];
          }
          return s * s;
        }

        /** a[i] of a double[] is an element, which the inner loop changes: never hoisted. */
        @Differentiable(wrt = "a")
        static double element(double[] a, int m) {
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            for (int r = 0; r < m; r++) {
              a[i] = Math.sin(a[i]) + 0.5 * a[i];
              s += a[i];
            }
          }
          return s;
        }

        /** A do loop runs its body before its condition reads the row. */
        @Differentiable(wrt = "w")
        static double doLoop(double[] w, double[][] x) {
          double s = 0;
          int k = 0;
          do {
            s += Math.sin(w[k] * x[0][k]);
            k++;
          } while (k < x[0].length);
          return s;
        }

        /** The loop calls a method of the user's, which this class cannot see into. */
        @Differentiable(wrt = "w")
        static double callsAMethod(double[] w, double[][] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < x[i].length; k++) {
              s += w[k] * x[i][k] * weight(k);
            }
          }
          return s * s;
        }

        static double weight(int k) {
          return 1.0 / (k + 1);
        }
      }
      """;

  private static final Differentiated H = Differentiated.of("H", SOURCE);

  /** The benchmark's two-layer perceptron, as the golden file has it. */
  private static final Differentiated PERCEPTRON =
      Differentiated.of("Perceptron", Resources.read("/golden/Perceptron.java"));

  private static final List<String> FORMS = List.of("Pullback", "Gradient");

  // ---- hoisted ----------------------------------------------------------------------------

  @Test
  void aPerceptronReadsTheSamplesRowOnceBeforeEachLoopOverIt() {
    for (String form : FORMS) {
      String body = PERCEPTRON.generatedMethod("loss" + form);
      assertThat(body).as(form)
          .as("%s: read once per sample, as the s loop keeps x[s] in range", form)
          .contains("double[] xs = x[s];\n      for (int j = 0; j < b1.length; j++) {")
          .contains("for (int k = 0; k < xs.length; k++) {\n          a += w1[j][k] * xs[k];")
          .as("%s reads the row through xs, but for the comment quoting the source", form)
          .doesNotContain("x[s][k];\n");
    }
    assertThat(PERCEPTRON.generatedMethod("lossPullback"))
        .as("the backward sweep's loop, where it pays")
        .contains("double[] xs = x[s];\n      for (int j = b1.length - 1; j >= 0; j--) {")
        .contains("for (int k = 0; k < xs.length; k++) {\n          // grad of: a += w1[j][k]")
        .contains("dw1[j][k] += da * xs[k];");
    double[][] x = {{0.5, -1.0, 0.25}, {1.5, 0.5, -0.75}, {-0.3, 0.8, 1.1}, {0.2, 0.1, -0.4}};
    double[] y = {0.3, -0.6, 0.9, 0.1};
    GradientCheck.verify(PERCEPTRON, "loss", new String[] {"w1", "b1", "w2", "b2"}, new int[] {0, 1, 2, 3},
        List.of(
            new Object[] {
              new double[][] {{0.1, -0.2, 0.3}, {0.4, 0.5, -0.6}}, new double[] {0.05, -0.1},
              new double[] {0.7, -0.3}, 0.2, x, y},
            new Object[] {
              new double[][] {{-0.5, 0.2, 0.1}, {0.3, -0.4, 0.6}, {0.2, 0.2, -0.1}},
              new double[] {0.3, 0.1, -0.2}, new double[] {-0.4, 0.9, 0.5}, -0.1, x, y}));
  }

  @Test
  void aRaggedMatrixsRowsAreHoistedOnBothSweeps() {
    for (String form : FORMS) {
      String body = H.generatedMethod("quadratic" + form);
      assertThat(body).as(form)
          .contains("double[] ai = a[i];\n      for (int j = 0; j < ai.length; j++) {")
          .contains("double[] ai = a[i];\n      for (int j = ai.length - 1; j >= 0; j--) {");
    }
    GradientCheck.verify(H, "quadratic", new String[] {"a", "v"}, new int[] {0, 1},
        List.of(
            new Object[] {new double[][] {{1.0, 2.0}, {0.5}}, new double[] {0.3, -0.7}},
            new Object[] {
              new double[][] {{0.2, -0.4, 0.9}, {}, {1.5, 0.25}}, new double[] {1.1, -0.2, 0.6}},
            new Object[] {new double[][] {}, new double[] {}}));
  }

  @Test
  void aRowGetsAFreshNameWhereTheUserTookTheObviousOne() {
    assertThat(H.generatedMethod("namesTakenPullback"))
        .contains("double[] xs2 = x[s];")
        .contains("xs += w[k] * xs2[k];");
    GradientCheck.verify(H, "namesTaken", new String[] {"w"}, new int[] {0},
        List.of(
            new Object[] {new double[] {0.5, -1.5}, new double[][] {{1, 2}, {3, -4}, {0.5, 0.5}}},
            new Object[] {new double[] {2.0, 0.25}, new double[][] {{-1, 0.5}}}));
  }

  @Test
  void aRowTheOuterLoopKeepsInRangeIsHoistedBeforeAnInnerLoopOverAnotherArray() {
    for (String form : FORMS) {
      assertThat(H.generatedMethod("logistic" + form)).as(form)
          .contains("double[] xi = x[i];\n      for (int j = 0; j < w.length; j++) {\n"
              + "        z += w[j] * xi[j];");
    }
    assertThat(H.generatedMethod("logisticPullback"))
        .as("the backward sweep's loop, i from x.length - 1 down")
        .contains("for (int i = x.length - 1; i >= 0; i--) {")
        .contains("double[] xi = x[i];\n      for (int j = 0; j < w.length; j++) {\n"
            + "        // grad of: z += w[j] * x[i][j];");
    double[][] x = {{0.5, -1.0}, {1.5, 0.25}, {-0.3, 0.8}};
    double[] y = {1, 0, 1};
    GradientCheck.verify(H, "logistic", new String[] {"w", "b"}, new int[] {0, 1},
        List.of(new Object[] {new double[] {0.3, -0.2}, 0.1, x, y},
            new Object[] {new double[] {-1.1, 0.6}, -0.4, x, y},
            new Object[] {new double[] {}, 0.7, new double[][] {{}, {}}, new double[] {1, 0}}));
  }

  // ---- not hoisted ------------------------------------------------------------------------

  @Test
  void aRowNoLoopKeepsInRangeStaysInTheInnerLoop() {
    for (String form : FORMS) {
      assertThat(H.generatedMethod("outerBoundElsewhere" + form)).as(form)
          .doesNotContainPattern("\\w+ = x\\[i\\];")
          .contains("s += w[j] * x[i][j] * x[i][j];");
    }
    double[][] x = {{0.5, -1.0}, {1.5, 0.25}};
    GradientCheck.verify(H, "outerBoundElsewhere", new String[] {"w"}, new int[] {0},
        List.of(new Object[] {new double[] {0.3, -0.2}, x, 2},
            new Object[] {new double[] {-1.1, 0.6}, x, 1}));
    // with no w, the inner loop runs no trip and x[2] is never read: no exception either way
    assertThat(H.generated("outerBoundElsewherePullback", new double[] {}, x, 3, 1.0,
        new double[] {})).isEqualTo(0.0);
    assertThat(H.generated("outerBoundElsewhereGradient", new double[] {}, x, 3,
        new double[] {})).isEqualTo(0.0);
  }

  @Test
  void aRowWhoseIndexTheLoopChangesIsReadOnEveryTrip() {
    for (String form : FORMS) {
      assertThat(H.generatedMethod("rowChanges" + form)).as(form)
          .contains("k < x[r].length")
          .doesNotContainPattern("\\w+ = x\\[r\\];");
    }
    double[][] x = {{0.5, -1.0, 2.0}, {1.5, 0.25, -0.5}};
    GradientCheck.verify(H, "rowChanges", new String[] {"w"}, new int[] {0},
        List.of(new Object[] {new double[] {0.3, -0.2, 0.8}, x},
            new Object[] {new double[] {-1.0, 0.6, 0.1}, x}));
  }

  /**
   * {@code for (int r = 1; k < x[r].length; k++)}: r is declared by the loop, so x[r] cannot be
   * read before it. (The loop is lowered to a block that declares r and a while loop, where the
   * row is hoisted after r; either way the generated class compiles and is right.)
   */
  @Test
  void aRowIndexedByTheLoopsOwnVariableIsReadWhereItIsInScope() {
    assertThat(H.generatedMethod("ownIndexPullback"))
        .containsPattern("int r = 1;[^}]*double\\[\\] xr = x\\[r\\];\\s+while \\(k < xr.length\\)");
    double[][] x = {{9.0, 9.0}, {0.5, -1.5}};
    GradientCheck.verify(H, "ownIndex", new String[] {"w"}, new int[] {0},
        List.of(new Object[] {new double[] {0.3, -0.2}, x},
            new Object[] {new double[] {-1.1, 0.6}, x}));
  }

  /** The random callers of RandomOutParametersTest found this one: a[i] hoisted as a value. */
  @Test
  void anElementOfAVectorIsNoRowAndStaysInTheLoop() {
    for (String form : FORMS) {
      assertThat(H.generatedMethod("element" + form)).as(form)
          .doesNotContainPattern("\\w+ = a\\[i\\];")
          .contains("a[i] = Math.sin(a[i]) + 0.5 * a[i];");
    }
    GradientCheck.verify(H, "element", new String[] {"a"}, new int[] {0},
        List.of(new Object[] {new double[] {0.3, -0.2}, 2},
            new Object[] {new double[] {-1.1, 0.6, 0.4}, 3}));
  }

  @Test
  void aDoLoopReadsTheRowAsWritten() {
    assertThat(H.generatedMethod("doLoopPullback"))
        .contains("} while (k < x[0].length);")
        .doesNotContainPattern("\\w+ = x\\[0\\];");
    GradientCheck.verify(H, "doLoop", new String[] {"w"}, new int[] {0},
        List.of(new Object[] {new double[] {0.3, -0.2}, new double[][] {{0.5, -1.0}}},
            new Object[] {new double[] {1.2}, new double[][] {{0.7}}}));
  }

  @Test
  void aLoopThatCallsAMethodOfTheUsersReadsTheRowAsWritten() {
    for (String form : FORMS) {
      assertThat(H.generatedMethod("callsAMethod" + form)).as(form)
          .contains("for (int k = 0; k < x[i].length; k++) {\n        double weight = H.weight(k);")
          .as("the backward loop pops the values instead of calling, and hoists")
          .contains("double[] xi = x[i];\n      for (int k = xi.length - 1; k >= 0; k--) {");
    }
    GradientCheck.verify(H, "callsAMethod", new String[] {"w"}, new int[] {0},
        List.of(
            new Object[] {new double[] {0.3, -0.2}, new double[][] {{0.5, -1.0}, {2.0, 0.25}}},
            new Object[] {new double[] {1.2, 0.4}, new double[][] {{0.7, -0.1}}}));
  }
}

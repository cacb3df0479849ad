package io.github.ad4j.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ad4j.core.DerivativeGenerator;
import io.github.ad4j.core.GenerationResult;
import io.github.ad4j.core.SourceFile;
import io.github.ad4j.core.testing.Arguments;
import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.FiniteDifferences;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Methods that return a {@code double[]}: {@code fJacobian} in each mode against finite
 * differences of the original, output by output and entry by entry; {@code fPushforward} against
 * J v; {@code fPullback} against uᵀ J and the original's value; and the refusals.
 */
class VectorFormsTest {

  private static final String SOURCE =
      """
      package p;

      import io.github.ad4j.Differentiable;
      import io.github.ad4j.Jacobian;

      class V {
        @Differentiable
        static double[] robertson(double[] y, double k1, double k2, double k3) {
          double[] f = new double[3];
          f[0] = -k1 * y[0] + k3 * y[1] * y[2];
          f[1] = k1 * y[0] - k3 * y[1] * y[2] - k2 * y[1] * y[1];
          f[2] = k2 * y[1] * y[1];
          return f;
        }

        @Differentiable
        @Jacobian(Jacobian.Mode.FORWARD)
        static double[] robertsonForward(double[] y, double k1, double k2, double k3) {
          double[] f = new double[3];
          f[0] = -k1 * y[0] + k3 * y[1] * y[2];
          f[1] = k1 * y[0] - k3 * y[1] * y[2] - k2 * y[1] * y[1];
          f[2] = k2 * y[1] * y[1];
          return f;
        }

        @Differentiable(wrt = {"p"})
        static double[] residuals(double[] p, double[] t, double[] observed) {
          double[] r = new double[t.length];
          for (int i = 0; i < t.length; i++) {
            r[i] = p[0] * Math.exp(-p[1] * t[i]) + p[2] - observed[i];
          }
          return r;
        }

        @Differentiable(wrt = {"p"})
        @Jacobian(value = Jacobian.Mode.REVERSE)
        static double[] residualsReverse(double[] p, double[] t, double[] observed) {
          double[] r = new double[t.length];
          for (int i = 0; i < t.length; i++) {
            r[i] = p[0] * Math.exp(-p[1] * t[i]) + p[2] - observed[i];
          }
          return r;
        }

        @Differentiable
        static double[] branchesAndLoops(double[] x, double s) {
          int count = 0;
          for (int i = 0; i < x.length; i++) {
            if (x[i] > 0) {
              count++;
            }
          }
          double[] r = new double[count + 1];
          int k = 0;
          double t = s;
          for (int i = 0; i < x.length; i++) {
            if (x[i] > 0) {
              r[k] = Math.sin(x[i]) * t;
              k++;
            } else {
              t = t * x[i] + 1;
            }
          }
          while (t * t < 100) {
            t = t * 2 + s;
          }
          r[count] = t;
          return r;
        }

        @Differentiable
        static double[] matrixTimesSquares(double[][] a, double[] x) {
          double[] y = new double[a.length];
          for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
              y[i] += a[i][j] * x[j] * x[j];
            }
          }
          return y;
        }

        @Differentiable
        @Jacobian(Jacobian.Mode.FORWARD)
        static double[] matrixTimesSquaresForward(double[][] a, double[] x) {
          double[] y = new double[a.length];
          for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
              y[i] += a[i][j] * x[j] * x[j];
            }
          }
          return y;
        }

        @Differentiable
        static double[] overwritesItsResult(double x, double y) {
          double[] r = new double[2];
          r[0] = x * y;
          r[0] = r[0] * r[0] + y;
          r[1] = Math.sin(r[0]) * x;
          return r;
        }

        @Differentiable
        static double[] writesItsInput(double[] x, double s) {
          x[0] = x[0] * x[1] + s;
          double[] r = new double[2];
          r[0] = x[0] * s;
          r[1] = x[0] * x[1] / (1 + s * s);
          return r;
        }

        @Differentiable
        static double step(double[] y, double k) {
          double dy0 = -k * y[0] * y[1];
          y[0] += 0.1 * dy0;
          y[1] += 0.1 * (k * y[0] - y[1]);
          return y[0];
        }

        @Differentiable
        static double[] callsAWriterOnItsInputAndResult(double[] y, double k) {
          step(y, k);
          double[] r = new double[2];
          r[0] = y[0];
          r[1] = y[1] * k;
          step(r, 2 * k);
          return r;
        }
      }
      """;

  private static final Differentiated V = Differentiated.of("V", SOURCE);

  private static final double[] T = {0, 0.5, 1, 2, 4};
  private static final double[] OBSERVED = {3.1, 2.2, 1.8, 1.1, 0.7};

  /** One method at one point: its arguments, and the positions of its wrt parameters. */
  record Point(String method, Object[] args, int[] wrt) {
    @Override
    public String toString() {
      return method + Arguments.describe(args);
    }
  }

  static Stream<Point> points() {
    List<Point> points = new ArrayList<>();
    for (String method : new String[] {"robertson", "robertsonForward"}) {
      points.add(new Point(method, new Object[] {new double[] {1, 0, 0}, 0.04, 3e7, 1e4}, new int[] {0, 1, 2, 3}));
      points.add(new Point(method, new Object[] {new double[] {0.9, 2e-5, 0.1}, 0.04, 3e7, 1e4}, new int[] {0, 1, 2, 3}));
    }
    for (String method : new String[] {"residuals", "residualsReverse"}) {
      points.add(new Point(method, new Object[] {new double[] {2.5, 0.7, 0.5}, T, OBSERVED}, new int[] {0}));
      points.add(new Point(method, new Object[] {new double[] {1.0, -0.2, 1.5}, T, OBSERVED}, new int[] {0}));
    }
    points.add(new Point("branchesAndLoops", new Object[] {new double[] {0.3, -1.2, 0.9, -0.4}, 1.7}, new int[] {0, 1}));
    points.add(new Point("branchesAndLoops", new Object[] {new double[] {-0.5, 0.8}, -0.6}, new int[] {0, 1}));
    for (String method : new String[] {"matrixTimesSquares", "matrixTimesSquaresForward"}) {
      points.add(
          new Point(
              method,
              new Object[] {new double[][] {{0.5, -1.0, 2.0}, {1.5, 0.25, -0.75}}, new double[] {0.3, -1.1, 0.8}},
              new int[] {0, 1}));
    }
    points.add(new Point("overwritesItsResult", new Object[] {0.7, -1.3}, new int[] {0, 1}));
    points.add(new Point("writesItsInput", new Object[] {new double[] {0.8, -0.6, 2.0}, 1.3}, new int[] {0, 1}));
    // a callee writes into the parameter and into the returned array: every Jacobian column
    // starts from the caller's values again
    points.add(new Point("callsAWriterOnItsInputAndResult", new Object[] {new double[] {0.8, -0.6}, 1.3}, new int[] {0, 1}));
    return points.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("points")
  void jacobianMatchesFiniteDifferencesAndLeavesTheArgumentsAlone(Point point) {
    Object[] args = Arguments.copy(point.args());
    double[][] jacobian = (double[][]) V.generated(point.method() + "Jacobian", args);
    assertThat(Arguments.same(args, point.args())).as("arguments after fJacobian").isTrue();
    double[] value = original(point, Arguments.flatten(point.args(), point.wrt()));
    double[] x = Arguments.flatten(point.args(), point.wrt());
    assertThat(jacobian.length).as("rows").isEqualTo(value.length);
    for (int j = 0; j < x.length; j++) {
      int column = j;
      for (int i = 0; i < value.length; i++) {
        int row = i;
        double expected =
            FiniteDifferences.derivative(
                t -> {
                  double[] moved = x.clone();
                  moved[column] = t;
                  return original(point, moved)[row];
                },
                x[column]);
        assertThat(jacobian[i][j])
            .as("%sJacobian[%d][%d] at %s (finite differences: %s)", point.method(), i, j, point, expected)
            .isCloseTo(expected, within(1e-7 * Math.max(1, Math.max(Math.abs(expected), Math.abs(value[i])))));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("points")
  void pushforwardIsTheJacobianTimesTheTangentsAndPullbackItsTransposeTimesTheSeed(Point point) {
    double[][] jacobian = (double[][]) V.generated(point.method() + "Jacobian", Arguments.copy(point.args()));
    double[] x = Arguments.flatten(point.args(), point.wrt());
    double[] v = new double[x.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.75 - 0.5 * i + 0.125 * i * i;
    }
    Object[] args = Arguments.copy(point.args());
    Object[] tangents = Arguments.unflatten(point.args(), point.wrt(), v);
    Object[] all = new Object[args.length + tangents.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(tangents, 0, all, args.length, tangents.length);
    double[] jv = (double[]) V.generated(point.method() + "Pushforward", all);
    assertThat(jv.length).isEqualTo(jacobian.length);
    for (int i = 0; i < jacobian.length; i++) {
      double expected = 0;
      double scale = 1;
      for (int j = 0; j < x.length; j++) {
        expected += jacobian[i][j] * v[j];
        scale += Math.abs(jacobian[i][j] * v[j]);
      }
      assertThat(jv[i]).as("(J v)[%d] at %s", i, point).isCloseTo(expected, within(1e-11 * scale));
    }

    Object[] afterOriginal = Arguments.copy(point.args());
    double[] value = (double[]) V.original(point.method(), afterOriginal);
    double[] u = new double[jacobian.length];
    for (int i = 0; i < u.length; i++) {
      u[i] = 1.25 - 0.375 * i;
    }
    args = Arguments.copy(point.args());
    Object[] accumulators = Arguments.unflatten(point.args(), point.wrt(), new double[x.length]);
    all = new Object[args.length + 1 + accumulators.length];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = u;
    for (int k = 0; k < accumulators.length; k++) {
      all[args.length + 1 + k] = accumulators[k] instanceof Double ? new double[1] : accumulators[k];
    }
    double[] returned = (double[]) V.generated(point.method() + "Pullback", all);
    assertThat(returned).as("value of %sPullback", point.method()).containsExactly(value);
    assertThat(Arguments.same(afterOriginal, java.util.Arrays.copyOf(all, args.length)))
        .as("the caller sees the method's writes into its arrays after the pullback")
        .isTrue();
    double[] uj = new double[x.length];
    int offset = 0;
    for (int k = 0; k < accumulators.length; k++) {
      double[] block = Arguments.flatten(all[args.length + 1 + k]);
      System.arraycopy(block, 0, uj, offset, block.length);
      offset += block.length;
    }
    for (int j = 0; j < x.length; j++) {
      double expected = 0;
      double scale = 1;
      for (int i = 0; i < u.length; i++) {
        expected += u[i] * jacobian[i][j];
        scale += Math.abs(u[i] * jacobian[i][j]);
      }
      assertThat(uj[j]).as("(uᵀ J)[%d] at %s", j, point).isCloseTo(expected, within(1e-11 * scale));
    }
  }

  @Test
  void everyModeBuildsTheSameJacobian() {
    Object[] robertson = {new double[] {0.9, 2e-5, 0.1}, 0.04, 3e7, 1e4};
    double[][] byRows = (double[][]) V.generated("robertsonJacobian", Arguments.copy(robertson));
    double[][] byColumns = (double[][]) V.generated("robertsonForwardJacobian", Arguments.copy(robertson));
    for (int i = 0; i < byRows.length; i++) {
      for (int j = 0; j < byRows[i].length; j++) {
        assertThat(byColumns[i][j]).isCloseTo(byRows[i][j], within(1e-9 * Math.max(1, Math.abs(byRows[i][j]))));
      }
    }
    assertThat(V.generatedSource())
        .contains("if (n <= m) {")
        .contains("public static double[][] residualsReverseJacobian(double[] p, double[] t, double[] observed) {\n"
            + "    int n = p.length;\n"
            + "    int m = t.length;\n"
            + "    double[][] jacobian;\n"
            + "    jacobian = new double[m][n];");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "returns a parameter | @Differentiable static double[] f(double[] x) { x[0] = x[0] * x[0]; return x; }"
            + " | f returns a double[]: it must create the array with new",
        "second derivatives | @Differentiable @io.github.ad4j.Hessian static double[] f(double x) {"
            + " double[] r = new double[1]; r[0] = x * x; return r; } | @Hessian on f, which returns a double[]",
        "reverse without a known length | @Differentiable @io.github.ad4j.Jacobian(io.github.ad4j.Jacobian.Mode.REVERSE)"
            + " static double[] f(double x, int n) { int m = n * 2; double[] r = new double[m]; r[0] = x; return r; }"
            + " | @Jacobian(REVERSE) on f: the length of the array it returns must be computed from its parameters"
      })
  void refusesWhatItCannotDifferentiate(String what, String method, String message) {
    GenerationResult result =
        DerivativeGenerator.create()
            .generate(
                List.of(
                    new SourceFile(
                        "p/F.java",
                        "package p;\nimport io.github.ad4j.Differentiable;\nclass F {\n  " + method
                            + "\n}\n")));
    assertThat(result.diagnostics()).as(what).hasSize(1);
    assertThat(result.diagnostics().get(0).toString()).as(what).contains("F.java:4:").contains(message);
  }

  private static double[] original(Point point, double[] x) {
    Object[] args = Arguments.copy(point.args());
    Object[] values = Arguments.unflatten(point.args(), point.wrt(), x);
    for (int k = 0; k < point.wrt().length; k++) {
      args[point.wrt()[k]] = values[k];
    }
    return (double[]) V.original(point.method(), args);
  }

}

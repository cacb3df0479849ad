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
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code @Hessian} forms: {@code fHessian} against finite differences of the generated
 * gradient, column by column, at several points; {@code fHessianVector} against the Hessian times
 * a direction; symmetry; and DESIGN.md's seed row exactly.
 */
class SecondOrderFormsTest {

  private static final String SOURCE =
      """
      package p;

      import io.github.ad4j.Differentiable;
      import io.github.ad4j.Hessian;

      class H {
        @Differentiable
        @Hessian
        static double g(double x1, double x2) {
          return (x1 + 5) * x2 * x2;
        }

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

        @Differentiable
        @Hessian
        static double functions(double x, double y) {
          double z = Math.sin(x) * Math.exp(y) + Math.atan2(y, x) + Math.hypot(x, y);
          z += Math.log(1 + x * x) + Math.pow(x, y) + Math.sqrt(y) * Math.tanh(x * y);
          return z / (1 + y * y) - Math.cbrt(x + 2) * Math.cos(y);
        }

        @Differentiable
        @Hessian
        static double branchesAndLoops(double x, double y, int n) {
          double t = x;
          int steps = 0;
          while (t * t < 4 + y * y && steps < n) {
            if (t > y) {
              t = t * 1.5 + Math.sin(y * t);
            } else {
              t = t + y * y * 0.25;
            }
            steps++;
          }
          return t * t * y;
        }

        @Differentiable(wrt = {"w", "bias"})
        @Hessian
        static double logisticLoss(double[] w, double bias, double[][] data, boolean[] labels) {
          double loss = 0;
          double[] z = new double[data.length];
          for (int i = 0; i < data.length; i++) {
            z[i] = bias;
            for (int j = 0; j < w.length; j++) {
              z[i] += w[j] * data[i][j];
            }
            double p = 1 / (1 + Math.exp(-z[i]));
            loss -= labels[i] ? Math.log(p) : Math.log(1 - p);
          }
          return loss + 0.5 * bias * bias;
        }

        @Differentiable
        @Hessian
        static double square(double x) {
          return x * x;
        }

        @Differentiable
        @Hessian
        static double norm(double[] w, double s) {
          double t = 0;
          for (int i = 0; i < w.length; i++) {
            t += w[i] * w[i] * s;
          }
          return Math.sqrt(t);
        }

        @Differentiable
        @Hessian
        static double power(double x, int n) {
          if (n == 0) {
            return 1;
          }
          return x * power(x, n - 1);
        }

        @Differentiable
        @Hessian
        static double withCalls(double x, double y, double[] w) {
          double a = square(x * y) + Math.sin(square(y));
          double b = norm(w, x);
          return a * b + power(x + y, 3);
        }

        @Differentiable
        @Hessian
        static double writesItsInput(double[] a, double s) {
          a[0] = a[0] * a[1] * s;
          a[1] = a[0] / (1 + a[1] * a[1]);
          return a[0] * a[1] + s * a[1];
        }
      }
      """;

  private static final Differentiated H = Differentiated.of("H", SOURCE);

  private static final double[][] DATA = {{0.5, -1.0, 0.25}, {1.5, 0.75, -0.5}, {-0.25, 0.5, 1.0}};
  private static final boolean[] LABELS = {true, false, true};

  /** One method at one point: its arguments, and the positions of its wrt parameters. */
  record Point(String method, Object[] args, int[] wrt) {
    @Override
    public String toString() {
      return method + Arguments.describe(args);
    }
  }

  static Stream<Point> points() {
    List<Point> points = new ArrayList<>();
    for (double[] xy : new double[][] {{2, 3}, {-1.5, 0.5}, {0.3, -2}}) {
      points.add(new Point("g", new Object[] {xy[0], xy[1]}, new int[] {0, 1}));
    }
    points.add(new Point("rosenbrock", new Object[] {new double[] {-1.2, 1.0, 0.5}}, new int[] {0}));
    points.add(
        new Point("rosenbrock", new Object[] {new double[] {0.3, -0.4, 1.1, 0.9}}, new int[] {0}));
    for (double[] xy : new double[][] {{0.7, 1.3}, {1.9, 0.4}, {0.2, 2.2}}) {
      points.add(new Point("functions", new Object[] {xy[0], xy[1]}, new int[] {0, 1}));
    }
    for (double[] xy : new double[][] {{0.3, 0.7}, {1.1, -0.6}, {-0.5, 1.3}}) {
      points.add(new Point("branchesAndLoops", new Object[] {xy[0], xy[1], 6}, new int[] {0, 1}));
    }
    points.add(
        new Point(
            "logisticLoss",
            new Object[] {new double[] {0.2, -0.4, 0.6}, 0.1, DATA, LABELS},
            new int[] {0, 1}));
    points.add(
        new Point(
            "logisticLoss",
            new Object[] {new double[] {-1.0, 0.5, 0.3}, -0.7, DATA, LABELS},
            new int[] {0, 1}));
    points.add(
        new Point("withCalls", new Object[] {0.7, -1.2, new double[] {0.5, 1.5, -0.25}}, new int[] {0, 1, 2}));
    points.add(
        new Point("withCalls", new Object[] {1.3, 0.4, new double[] {-1.0, 0.3}}, new int[] {0, 1, 2}));
    points.add(
        new Point(
            "writesItsInput", new Object[] {new double[] {0.8, -0.6, 2.0}, 1.3}, new int[] {0, 1}));
    return points.stream();
  }

  @Test
  void seedRowHessianIsExactlyZeroSixSixFourteen() {
    double[][] hessian = (double[][]) H.generated("gHessian", 2.0, 3.0);
    assertThat(hessian).isDeepEqualTo(new double[][] {{0, 6}, {6, 14}});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("points")
  void hessianMatchesFiniteDifferencesOfTheGradient(Point point) {
    double[][] hessian = (double[][]) H.generated(point.method() + "Hessian", Arguments.copy(point.args()));
    double[] x = Arguments.flatten(point.args(), point.wrt());
    assertThat(hessian.length).as("rows").isEqualTo(x.length);
    double scale = 1;
    for (double[] row : hessian) {
      for (double h : row) {
        scale = Math.max(scale, Math.abs(h));
      }
    }
    for (int j = 0; j < x.length; j++) {
      int column = j;
      for (int i = 0; i < x.length; i++) {
        int row = i;
        double expected =
            FiniteDifferences.derivative(
                t -> {
                  double[] moved = x.clone();
                  moved[column] = t;
                  return gradient(point, moved)[row];
                },
                x[column]);
        assertThat(hessian[i][j])
            .as("%sHessian[%d][%d] at %s (finite differences of the gradient: %s)",
                point.method(), i, j, point, expected)
            .isCloseTo(expected, within(1e-7 * scale));
        assertThat(hessian[i][j]).as("symmetry [%d][%d]", i, j).isCloseTo(hessian[j][i], within(1e-12 * scale));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("points")
  void hessianVectorProductIsTheHessianTimesTheDirection(Point point) {
    double[][] hessian = (double[][]) H.generated(point.method() + "Hessian", Arguments.copy(point.args()));
    double[] x = Arguments.flatten(point.args(), point.wrt());
    double[] v = new double[x.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.75 - 0.5 * i + 0.125 * i * i;
    }
    Object[] args = Arguments.copy(point.args());
    Object[] tangents = Arguments.unflatten(point.args(), point.wrt(), v);
    Object[] accumulators = Arguments.unflatten(point.args(), point.wrt(), new double[x.length]);
    Object[] all = new Object[args.length + 2 * point.wrt().length];
    System.arraycopy(args, 0, all, 0, args.length);
    for (int k = 0; k < point.wrt().length; k++) {
      all[args.length + k] = tangents[k];
      Object accumulator = accumulators[k];
      all[args.length + point.wrt().length + k] =
          accumulator instanceof Double ? new double[] {0.5} : accumulator; // prefilled: adds
    }
    double directional = ((Number) H.generated(point.method() + "HessianVector", all)).doubleValue();
    double[] gradient = gradient(point, x);
    double expectedDirectional = 0;
    for (int i = 0; i < x.length; i++) {
      expectedDirectional += gradient[i] * v[i];
    }
    assertThat(directional).as("∇f·v").isCloseTo(expectedDirectional, within(1e-10 * Math.max(1, Math.abs(expectedDirectional))));
    double[] hv = new double[x.length];
    int offset = 0;
    for (int k = 0; k < point.wrt().length; k++) {
      double[] block = Arguments.flatten(all[args.length + point.wrt().length + k]);
      for (int c = 0; c < block.length; c++) {
        hv[offset + c] = block[c] - (point.args()[point.wrt()[k]] instanceof Double ? 0.5 : 0);
      }
      offset += block.length;
    }
    for (int i = 0; i < x.length; i++) {
      double expected = 0;
      double scale = 1;
      for (int j = 0; j < x.length; j++) {
        expected += hessian[i][j] * v[j];
        scale += Math.abs(hessian[i][j] * v[j]);
      }
      assertThat(hv[i]).as("(H v)[%d] at %s", i, point).isCloseTo(expected, within(1e-11 * scale));
    }
  }

  @Test
  void methodsWithoutTheAnnotationGetNoSecondOrderCode() {
    GenerationResult result =
        DerivativeGenerator.create()
            .generate(
                List.of(
                    new SourceFile(
                        "p/F.java",
                        "package p;\nimport io.github.ad4j.Differentiable;\nclass F {\n"
                            + "  @Differentiable static double f(double x) { return x * x * x; }\n}\n")));
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.files().get(0).content()).contains("fPushforward").doesNotContain("Hessian");
  }

  @Test
  void secondDerivativesThroughACalleeWithoutHessianAreRefusedWithThePosition() {
    GenerationResult result =
        DerivativeGenerator.create()
            .generate(
                List.of(
                    new SourceFile(
                        "p/F.java",
                        "package p;\nimport io.github.ad4j.Differentiable;\nimport io.github.ad4j.Hessian;\n"
                            + "class F {\n"
                            + "  @Differentiable static double sq(double x) { return x * x; }\n"
                            + "  @Differentiable @Hessian static double f(double x) { return sq(x) * x; }\n"
                            + "}\n")));
    assertThat(result.diagnostics()).hasSize(1);
    assertThat(result.diagnostics().get(0).toString())
        .contains("F.java:6:")
        .contains("@Hessian on f, which calls the @Differentiable method sq: give sq @Hessian too");
  }

  /** The gradient of the point's method, flattened, with its wrt parameters set from {@code x}. */
  private static double[] gradient(Point point, double[] x) {
    Object[] args = Arguments.copy(point.args());
    Object[] values = Arguments.unflatten(point.args(), point.wrt(), x);
    for (int k = 0; k < point.wrt().length; k++) {
      args[point.wrt()[k]] = values[k];
    }
    Object record = H.generated(point.method() + "Gradient", args);
    String[] names = wrtNames(point);
    List<Double> flat = new ArrayList<>();
    for (String name : names) {
      for (double d : Arguments.flatten(Differentiated.component(record, "d" + point.method() + "d" + name))) {
        flat.add(d);
      }
    }
    return flat.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static String[] wrtNames(Point point) {
    switch (point.method()) {
      case "g":
        return new String[] {"x1", "x2"};
      case "rosenbrock":
        return new String[] {"x"};
      case "functions":
      case "branchesAndLoops":
        return new String[] {"x", "y"};
      case "logisticLoss":
        return new String[] {"w", "bias"};
      case "writesItsInput":
        return new String[] {"a", "s"};
      case "withCalls":
        return new String[] {"x", "y", "w"};
      default:
        throw new AssertionError(point.method());
    }
  }

}

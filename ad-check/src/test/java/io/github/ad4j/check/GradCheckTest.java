package io.github.ad4j.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class GradCheckTest {

  private static final double[][] POINTS = {{0.5, 1.25, -0.75}, {-1.2, 1, 2}, {0.3, 0.9, 1.1}};

  /** Rosenbrock's function of any dimension. */
  private static double rosenbrock(double[] x) {
    double sum = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      sum += 100 * a * a + b * b;
    }
    return sum;
  }

  private static double[] rosenbrockGradient(double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      g[i] += -400 * a * x[i] - 2 * (1 - x[i]);
      g[i + 1] += 200 * a;
    }
    return g;
  }

  /** f(x) = sin(x0) exp(x1) + log(x2^2 + 1). */
  private static double smooth(double[] x) {
    return Math.sin(x[0]) * Math.exp(x[1]) + Math.log(x[2] * x[2] + 1);
  }

  private static double[] smoothGradient(double[] x) {
    return new double[] {
      Math.cos(x[0]) * Math.exp(x[1]),
      Math.sin(x[0]) * Math.exp(x[1]),
      2 * x[2] / (x[2] * x[2] + 1)
    };
  }

  @Test
  void correctGradientsPass() {
    assertPassed(GradCheck.gradient(GradCheckTest::rosenbrock, GradCheckTest::rosenbrockGradient).at(POINTS));
    assertPassed(GradCheck.gradient(GradCheckTest::smooth, GradCheckTest::smoothGradient).at(POINTS));
  }

  @Test
  void aWrongComponentFailsAndIsNamed() {
    // the classic slip: d/dx2 of log(x2^2 + 1) without the chain rule's factor 2
    Function<double[], double[]> wrong =
        x -> {
          double[] g = smoothGradient(x);
          g[2] = x[2] / (x[2] * x[2] + 1);
          return g;
        };
    GradCheck.Report report =
        GradCheck.gradient(GradCheckTest::smooth, wrong).named("smooth").at(POINTS).check();

    assertThat(report.passed()).isFalse();
    assertThat(report.failures()).isEqualTo(3);
    GradCheck.Component worst = report.worst();
    assertThat(worst.index()).isEqualTo(2);
    assertThat(worst.numeric()).isCloseTo(2 * worst.analytic(), within(1e-9));
    assertThat(worst.relativeError()).isCloseTo(0.5, within(1e-9));
    assertThat(report.toString())
        .startsWith("GradCheck of smooth: FAILED, 3 of 9 compared values outside")
        .contains("worst: ∂/∂x[2] at point")
        .contains("analytic", "numeric", "absolute error", "relative error");
    assertThatThrownBy(report::assertPassed)
        .isInstanceOf(AssertionError.class)
        .hasMessage(report.toString());
  }

  @Test
  void componentsCanBeNamed() {
    Function<double[], double[]> wrong =
        x -> {
          double[] g = smoothGradient(x);
          g[1] = 0;
          return g;
        };
    GradCheck.Report report =
        GradCheck.gradient(GradCheckTest::smooth, wrong)
            .componentNames("a", "b", "c")
            .at(POINTS)
            .check();
    assertThat(report.toString()).contains("worst: ∂/∂b at point");
  }

  @Test
  void smallRelativeErrorsAreCaught() {
    // off by one part in 10^5 in one component of one point's gradient
    Function<double[], double[]> slightlyWrong =
        x -> {
          double[] g = rosenbrockGradient(x);
          g[1] *= 1 + 1e-5;
          return g;
        };
    GradCheck.Report report =
        GradCheck.gradient(GradCheckTest::rosenbrock, slightlyWrong).at(POINTS).check();
    assertThat(report.passed()).isFalse();
    assertThat(report.worst().index()).isEqualTo(1);
    // and the same error passes a looser tolerance
    assertThat(
            GradCheck.gradient(GradCheckTest::rosenbrock, slightlyWrong)
                .tolerance(1e-4)
                .at(POINTS)
                .check()
                .passed())
        .isTrue();
  }

  @Test
  void aWrongSignOfAZeroLikeComponentIsCaught() {
    // at x0 = pi/2 the first partial, cos(x0) e^x1, is about 1e-16: its sign error is not an
    // error; a wrong value of order 1 is
    double[] x = {Math.PI / 2, 0.3, 0.7};
    assertPassed(GradCheck.gradient(GradCheckTest::smooth, GradCheckTest::smoothGradient).at(x));
    Function<double[], double[]> wrong =
        p -> {
          double[] g = smoothGradient(p);
          g[0] = 1e-3;
          return g;
        };
    assertThat(GradCheck.gradient(GradCheckTest::smooth, wrong).at(x).check().worst().index())
        .isZero();
  }

  @Test
  void illScaledFunctionsPassWhenRightAndFailWhenWrong() {
    // Rosenbrock in 1000 dimensions at 1.5: f is about 1e5, some partials are about 1
    double[] x = new double[1000];
    java.util.Arrays.fill(x, 1.5);
    x[7] = 1.0001;
    assertPassed(
        GradCheck.gradient(GradCheckTest::rosenbrock, GradCheckTest::rosenbrockGradient).at(x));
    Function<double[], double[]> wrong =
        p -> {
          double[] g = rosenbrockGradient(p);
          g[500] *= 1.001;
          return g;
        };
    GradCheck.Report report = GradCheck.gradient(GradCheckTest::rosenbrock, wrong).at(x).check();
    assertThat(report.passed()).isFalse();
    assertThat(report.failures()).isEqualTo(1);
    assertThat(report.worst().index()).isEqualTo(500);
  }

  @Test
  void inputsAndPartialsOfVeryDifferentMagnitudes() {
    // partials from 1e-8 to 1e8, inputs from 1e-6 (inside log's and sqrt's domain) to 1e6
    ToDoubleFunction<double[]> f =
        x -> 1e8 * x[0] + Math.log(x[1]) + Math.sqrt(x[2]) + 1e-8 * x[3] * x[3] + x[0] * x[3];
    Function<double[], double[]> gradient =
        x -> new double[] {
          1e8 + x[3], 1 / x[1], 0.5 / Math.sqrt(x[2]), 2e-8 * x[3] + x[0]
        };
    double[][] points = {{1e-6, 1e-6, 1e-4, 1e6}, {3, 2e3, 5e-5, -2e5}};
    assertPassed(GradCheck.gradient(f, gradient).at(points));

    Function<double[], double[]> wrong =
        x -> {
          double[] g = gradient.apply(x);
          g[2] = 1 / Math.sqrt(x[2]);
          return g;
        };
    GradCheck.Report report = GradCheck.gradient(f, wrong).at(points).check();
    assertThat(report.passed()).isFalse();
    assertThat(report.worst().index()).isEqualTo(2);
  }

  @Test
  void anUnresolvableComponentIsReportedAsSuch() {
    // d/dx1 of 1e12 x0^2 + x1 is 1, but a change of x1 by 1e-2 is below f's rounding
    ToDoubleFunction<double[]> f = x -> 1e12 * x[0] * x[0] + x[1];
    GradCheck.Report report =
        GradCheck.gradient(f, x -> new double[] {2e12 * x[0], 1}).at(new double[] {1, 1}).check();
    assertThat(report.passed()).isTrue();
    assertThat(report.components().get(1).unresolved()).isTrue();
    assertThat(report.toString()).contains("1 value is too small next to the function's magnitude");
  }

  @Test
  void nanAndWrongShapesFail() {
    GradCheck.Report nan =
        GradCheck.gradient(GradCheckTest::smooth, x -> new double[] {Double.NaN, 0, 0})
            .at(POINTS[0])
            .check();
    assertThat(nan.passed()).isFalse();
    assertThat(nan.worst().index()).isZero();

    GradCheck.Report shape =
        GradCheck.gradient(GradCheckTest::smooth, x -> new double[2]).named("short").at(POINTS[0]).check();
    assertThat(shape.passed()).isFalse();
    assertThat(shape.toString()).contains("the gradient has 2 components, not 3");
  }

  @Test
  void theFunctionsGetCopiesOfThePoints() {
    double[] point = {0.5, 0.25, 2};
    GradCheck check =
        GradCheck.gradient(
                x -> {
                  double value = smooth(x);
                  x[0] = 99; // a careless function that overwrites its argument
                  return value;
                },
                x -> {
                  double[] g = smoothGradient(x);
                  x[1] = 99;
                  return g;
                })
            .at(point);
    point[2] = 7; // changing the caller's array later does not change the check
    GradCheck.Report report = check.check();
    assertThat(report.passed()).as(report.toString()).isTrue();
    assertThat(report.components().get(0).at()).containsExactly(0.5, 0.25, 2);
  }

  @Test
  void misuseIsRefused() {
    GradCheck check = GradCheck.gradient(GradCheckTest::smooth, GradCheckTest::smoothGradient);
    assertThatThrownBy(check::check).isInstanceOf(IllegalStateException.class).hasMessageContaining("at(");
    assertThatThrownBy(() -> check.tolerance(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> check.step(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> check.trials(0)).isInstanceOf(IllegalArgumentException.class);
  }

  // ---- Jacobians ----

  /** F(x) = (x0 x1, sin(x2), x0 + x1^2 x2, exp(x0 / 4)): 4 outputs of 3 inputs. */
  private static double[] vector(double[] x) {
    return new double[] {x[0] * x[1], Math.sin(x[2]), x[0] + x[1] * x[1] * x[2], Math.exp(x[0] / 4)};
  }

  private static double[][] jacobian(double[] x) {
    return new double[][] {
      {x[1], x[0], 0},
      {0, 0, Math.cos(x[2])},
      {1, 2 * x[1] * x[2], x[1] * x[1]},
      {Math.exp(x[0] / 4) / 4, 0, 0}
    };
  }

  @Test
  void aCorrectJacobianPassesTheDotProductTest() {
    assertPassed(GradCheck.jacobian(GradCheckTest::vector, GradCheckTest::jacobian).trials(5).at(POINTS));
  }

  @Test
  void everyWrongEntryOfAJacobianIsCaught() {
    for (int row = 0; row < 4; row++) {
      for (int column = 0; column < 3; column++) {
        int r = row;
        int c = column;
        Function<double[], double[][]> wrong =
            x -> {
              double[][] j = jacobian(x);
              j[r][c] += 0.01;
              return j;
            };
        GradCheck.Report report =
            GradCheck.jacobian(GradCheckTest::vector, wrong).named("F").at(POINTS).check();
        assertThat(report.passed()).as("entry (%d, %d)", row, column).isFalse();
        assertThat(report.toString()).contains("GradCheck of F: FAILED", "u·(J v), test");
      }
    }
  }

  @Test
  void aJacobianOfTheWrongShapeFails() {
    GradCheck.Report report =
        GradCheck.jacobian(GradCheckTest::vector, x -> new double[3][3]).at(POINTS[0]).check();
    assertThat(report.passed()).isFalse();
    assertThat(report.toString()).contains("the Jacobian has 3 rows, not 4");
  }

  @Test
  void jacobianChecksAreReproducible() {
    GradCheck check =
        GradCheck.jacobian(GradCheckTest::vector, GradCheckTest::jacobian).seed(42).at(POINTS);
    assertThat(check.check().components().get(4).analytic())
        .isEqualTo(check.check().components().get(4).analytic());
    // and the seed chooses the random directions: another seed tests other ones
    GradCheck other =
        GradCheck.jacobian(GradCheckTest::vector, GradCheckTest::jacobian).seed(43).at(POINTS);
    assertThat(other.check().components().get(4).analytic())
        .isNotEqualTo(check.check().components().get(4).analytic());
  }

  private static void assertPassed(GradCheck check) {
    GradCheck.Report report = check.check();
    assertThat(report.passed()).as(report.toString()).isTrue();
    assertThat(report.components()).isNotEmpty();
  }
}

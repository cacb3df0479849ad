package io.github.ad4j.samples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Before anything is timed: on every workload the five gradients agree. The generated forms,
 * the hand-written adjoint and Hipparchus are exact up to rounding, so they must agree to about
 * 1e-12 of the gradient's size; finite differences carry truncation and cancellation error, so
 * they are compared normwise (Rosenbrock 1000 has f ≈ 1e5 and components near 1, which no step
 * resolves componentwise).
 */
class GradientsAgreeTest {

  static String[] workloads() {
    return Workload.NAMES;
  }

  @ParameterizedTest
  @MethodSource("workloads")
  void theFiveGradientsAgree(String name) {
    Workload w = Workload.named(name);
    double value = w.primal();

    double[][] generated = w.newGradient();
    assertThat(w.generated(generated)).isEqualTo(value);
    double[][] record = w.newGradient();
    assertThat(w.generatedRecord(record)).isEqualTo(value);
    double[][] hand = w.newGradient();
    assertThat(w.handWritten(hand)).isCloseTo(value, within(1e-12 * Math.abs(value)));
    double[][] hipparchus = w.newGradient();
    assertThat(w.hipparchus(hipparchus)).isCloseTo(value, within(1e-12 * Math.abs(value)));
    double[][] fd = w.newGradient();
    assertThat(w.finiteDifferences(fd)).isEqualTo(value);

    double scale = maxAbs(generated);
    assertThat(scale).as("a gradient that is not zero").isGreaterThan(0);
    assertThat(maxDifference(record, generated)).isZero();
    assertThat(maxDifference(hand, generated)).as("hand-written").isLessThan(1e-12 * scale);
    assertThat(maxDifference(hipparchus, generated)).as("Hipparchus").isLessThan(1e-12 * scale);
    assertThat(normDifference(fd, generated) / norm(generated)).as("finite differences")
        .isLessThan(1e-6);
  }

  /**
   * Calling the allocation-free form twice without clearing doubles the gradient; the second
   * call runs on the tapes the first left in the workload's workspace.
   */
  @ParameterizedTest
  @MethodSource("workloads")
  void theGeneratedFormAccumulates(String name) {
    Workload w = Workload.named(name);
    double[][] once = w.newGradient();
    w.generated(once);
    double[][] twice = w.newGradient();
    w.generated(twice);
    w.generated(twice);
    for (int b = 0; b < once.length; b++) {
      for (int k = 0; k < once[b].length; k++) {
        // array partials are summed into the accumulator term by term, so rounding differs
        assertThat(twice[b][k]).isCloseTo(2 * once[b][k], within(1e-12 * maxAbs(once)));
      }
    }
  }

  private static double maxAbs(double[][] g) {
    double max = 0;
    for (double[] block : g) {
      for (double v : block) {
        max = Math.max(max, Math.abs(v));
      }
    }
    return max;
  }

  private static double maxDifference(double[][] a, double[][] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < a[i].length; k++) {
        max = Math.max(max, Math.abs(a[i][k] - b[i][k]));
      }
    }
    return max;
  }

  private static double normDifference(double[][] a, double[][] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < a[i].length; k++) {
        sum += (a[i][k] - b[i][k]) * (a[i][k] - b[i][k]);
      }
    }
    return Math.sqrt(sum);
  }

  private static double norm(double[][] a) {
    double sum = 0;
    for (double[] block : a) {
      for (double v : block) {
        sum += v * v;
      }
    }
    return Math.sqrt(sum);
  }
}

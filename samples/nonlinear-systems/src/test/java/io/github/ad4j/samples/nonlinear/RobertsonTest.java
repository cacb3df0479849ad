package io.github.ad4j.samples.nonlinear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Robertson's kinetics integrated by BDF2 with the generated Jacobian: against the published
 * solution at t = 40, second-order convergence, and conservation of mass.
 */
class RobertsonTest {

  /**
   * y(40) as published to seven digits, in the example of the DLSODE documentation (Hindmarsh's
   * ODEPACK), and widely quoted since; {@link #bdf2ConvergesAtSecondOrderToThePublishedSolution}
   * confirms every digit with a solution of our own.
   */
  private static final double[] PUBLISHED_AT_40 = {0.7158271, 9.185535e-06, 0.2841637};

  /** |actual − expected| ≤ tolerance · |expected|, component by component. */
  private static void assertRelative(double[] expected, double[] actual, double tolerance) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(
          expected[i],
          actual[i],
          tolerance * Math.abs(expected[i]),
          "y" + (i + 1) + " (relative error " + (actual[i] / expected[i] - 1) + ")");
    }
  }

  private static double mass(double[] y) {
    return y[0] + y[1] + y[2];
  }

  @Test
  void theSampleRunMatchesThePublishedSolutionAtForty() {
    Bdf2.Solution solution =
        NonlinearSystems.robertson(
            40, NonlinearSystems.ROBERTSON_STEPS, NonlinearSystems.ROBERTSON_RATIO);
    // BDF2 on this mesh is accurate to about 2e-5 relative (see the convergence test).
    assertRelative(PUBLISHED_AT_40, solution.y(), 1e-4);
    assertEquals(1, mass(solution.y()), 1e-12);
    // Implicit steps: the last is far beyond the explicit stability limit 2 / |λ| ≈ 6e-4 there,
    // and an exact Jacobian keeps Newton to a few iterations per step.
    assertTrue(solution.lastStep() > 0.3, "last step " + solution.lastStep());
    assertTrue(
        solution.newtonIterations() <= 4 * solution.steps(),
        solution.newtonIterations() + " Newton iterations for " + solution.steps() + " steps");
  }

  @Test
  void bdf2ConvergesAtSecondOrderToThePublishedSolution() {
    // Each run splits every step of the one before in two (N doubles, the ratio is square-rooted,
    // and the new mesh interleaves the old), so the error falls by four at second order, and
    // (4 y_{h/2} − y_h) / 3 is a fourth-order-accurate reference of our own.
    double[] coarse = NonlinearSystems.robertson(40, 1000, 1.02).y();
    double[] medium = NonlinearSystems.robertson(40, 2000, Math.sqrt(1.02)).y();
    double[] fine = NonlinearSystems.robertson(40, 4000, Math.pow(1.02, 0.25)).y();
    double[] finer = NonlinearSystems.robertson(40, 32000, Math.pow(1.02, 1.0 / 32)).y();
    double[] finest = NonlinearSystems.robertson(40, 64000, Math.pow(1.02, 1.0 / 64)).y();
    double[] reference = new double[3];
    for (int i = 0; i < 3; i++) {
      reference[i] = (4 * finest[i] - finer[i]) / 3;
    }
    // Our extrapolated reference agrees with all seven published digits.
    assertRelative(PUBLISHED_AT_40, reference, 1e-6);
    for (int i = 0; i < 3; i++) {
      double ratio1 = (coarse[i] - reference[i]) / (medium[i] - reference[i]);
      double ratio2 = (medium[i] - reference[i]) / (fine[i] - reference[i]);
      assertEquals(4, ratio1, 0.3, "y" + (i + 1) + " error ratio, 1000 to 2000 steps");
      assertEquals(4, ratio2, 0.3, "y" + (i + 1) + " error ratio, 2000 to 4000 steps");
    }
    for (double[] y : new double[][] {coarse, medium, fine, finer, finest}) {
      assertEquals(1, mass(y), 1e-12);
    }
  }

  @Test
  void massIsConservedAtEveryTime() {
    for (double t : new double[] {1e-3, 0.4, 4, 40, 400, 4e4}) {
      double[] y = NonlinearSystems.robertson(t, 500, 1.03).y();
      assertEquals(1, mass(y), 1e-12, "at t = " + t);
      for (double yi : y) {
        assertTrue(yi >= 0, "negative concentration at t = " + t);
      }
    }
  }
}

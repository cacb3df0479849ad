package io.github.ad4j.samples.curvefitting;

import static io.github.ad4j.samples.curvefitting.CurveFitting.NOISE;
import static io.github.ad4j.samples.curvefitting.CurveFitting.SEED;
import static io.github.ad4j.samples.curvefitting.CurveFitting.TRUE_PARAMETERS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.junit.jupiter.api.Test;

/**
 * Checks the generated Jacobian of {@link GaussianPeak#model} against finite differences, a
 * Jacobian written by hand and the generated pullback, and the parameters Levenberg-Marquardt fits
 * with it against the known ones.
 */
class CurveFittingTest {

  private final double[] t = CurveFitting.abscissae();

  /** Parameter points: the start, the truth, and others with narrow, wide and negative peaks. */
  private static final double[][] POINTS = {
    CurveFitting.START, TRUE_PARAMETERS, {1, 0.5, 0.2, -1}, {-3, 9.7, 4, 0.01}, {0.1, 5, 25, 2}
  };

  /** The Jacobian by hand: e = exp(−z²/2), z = (t − c)/w: (e, h e z / w, h e z² / w, 1). */
  private double[][] byHand(double[] p) {
    double[][] j = new double[t.length][4];
    for (int i = 0; i < t.length; i++) {
      double z = (t[i] - p[1]) / p[2];
      double e = Math.exp(-0.5 * z * z);
      j[i][0] = e;
      j[i][1] = p[0] * e * z / p[2];
      j[i][2] = p[0] * e * z * z / p[2];
      j[i][3] = 1;
    }
    return j;
  }

  private static void assertClose(
      double[][] expected, double[][] actual, double tolerance, String what) {
    assertEquals(expected.length, actual.length, what + ": rows");
    for (int i = 0; i < expected.length; i++) {
      for (int k = 0; k < expected[i].length; k++) {
        assertEquals(
            expected[i][k],
            actual[i][k],
            tolerance * (1 + Math.abs(expected[i][k])),
            what + ": entry (" + i + ", " + k + ")");
      }
    }
  }

  @Test
  void generatedJacobianMatchesFiniteDifferences() {
    for (double[] p : POINTS) {
      double[][] generated = GaussianPeakGrad.modelJacobian(p, t);
      assertEquals(CurveFitting.POINTS, generated.length);
      assertEquals(4, generated[0].length);
      FiniteDifferences.assertJacobian(
          q -> GaussianPeak.model(q, t),
          p,
          1e-3,
          1e-1,
          generated,
          1e-10,
          "finite differences at height " + p[0]);
    }
  }

  @Test
  void generatedJacobianMatchesTheJacobianByHand() {
    for (double[] p : POINTS) {
      assertClose(byHand(p), GaussianPeakGrad.modelJacobian(p, t), 1e-14, "at height " + p[0]);
    }
  }

  @Test
  void forwardAndReverseModeAgree() {
    // modelJacobian builds the 101 × 4 matrix column by column (4 pushforwards); the pullback
    // gives it row by row, one unit seed per output.
    for (double[] p : POINTS) {
      double[][] forward = GaussianPeakGrad.modelJacobian(p, t);
      double[][] reverse = new double[t.length][];
      double[] seed = new double[t.length];
      for (int i = 0; i < t.length; i++) {
        seed[i] = 1;
        reverse[i] = new double[4];
        double[] value = GaussianPeakGrad.modelPullback(p, t, seed, reverse[i]);
        seed[i] = 0;
        assertArrayEquals(GaussianPeak.model(p, t), value, 0, "the pullback returns the value");
      }
      assertClose(forward, reverse, 1e-15, "at height " + p[0]);
    }
  }

  @Test
  void fitWithoutNoiseRecoversTheParameters() {
    Optimum optimum = CurveFitting.fit(t, CurveFitting.ordinates(t, 0, SEED));
    assertArrayEquals(TRUE_PARAMETERS, optimum.getPoint().toArray(), 1e-10);
    assertTrue(optimum.getRMS() < 1e-12, "RMS " + optimum.getRMS());
    assertTrue(optimum.getIterations() <= 20, "iterations " + optimum.getIterations());
  }

  @Test
  void fitWithNoiseIsWithinThreeStandardErrorsOfTheTruth() {
    double[] y = CurveFitting.ordinates(t, NOISE, SEED);
    Optimum optimum = CurveFitting.fit(t, y);
    double[] p = optimum.getPoint().toArray();
    double[] se = CurveFitting.standardErrors(optimum, NOISE);
    for (int k = 0; k < 4; k++) {
      // The noise moves the optimum by about one standard error; these data are within 1.
      assertEquals(
          TRUE_PARAMETERS[k], p[k], 3 * se[k], CurveFitting.NAMES[k] + " ± " + se[k]);
      assertTrue(se[k] > 1e-3 && se[k] < 1e-2, CurveFitting.NAMES[k] + " standard error " + se[k]);
    }
    // The residuals are the noise: their RMS is close to its standard deviation.
    assertEquals(NOISE, optimum.getRMS(), 0.2 * NOISE);
  }

  @Test
  void noisyFitIsStationary() {
    // At a least-squares optimum the gradient of ½‖y − model(p)‖², −Jᵀr, vanishes; Jᵀr is the
    // generated pullback seeded with the residuals r = y − model(p).
    double[] y = CurveFitting.ordinates(t, NOISE, SEED);
    double[] p = CurveFitting.fit(t, y).getPoint().toArray();
    double[] model = GaussianPeak.model(p, t);
    double[] r = new double[t.length];
    double rNorm = 0;
    for (int i = 0; i < t.length; i++) {
      r[i] = y[i] - model[i];
      rNorm += r[i] * r[i];
    }
    rNorm = Math.sqrt(rNorm);
    double[] jTr = new double[4];
    GaussianPeakGrad.modelPullback(p, t, r, jTr);
    double[][] j = GaussianPeakGrad.modelJacobian(p, t);
    for (int k = 0; k < 4; k++) {
      double columnNorm = 0;
      for (double[] row : j) {
        columnNorm += row[k] * row[k];
      }
      columnNorm = Math.sqrt(columnNorm);
      assertEquals(0, jTr[k], 1e-9 * columnNorm * rNorm, CurveFitting.NAMES[k]);
    }
  }
}

package io.github.ad4j.samples.linearfit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hipparchus.optim.PointValuePair;
import org.junit.jupiter.api.Test;

/**
 * Checks the generated gradient of {@link LeastSquares#sse} against its closed form, and the line
 * Hipparchus fits with it against ordinary least squares solved in closed form.
 */
class LinearFitTest {

  private final double[] x = LinearFit.abscissae();
  private final double[] y = LinearFit.ordinates(x, LinearFit.SEED);

  /**
   * Ordinary least squares in closed form: slope = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², intercept = ȳ −
   * slope·x̄.
   */
  static double[] ordinaryLeastSquares(double[] x, double[] y) {
    double meanX = 0;
    double meanY = 0;
    for (int i = 0; i < x.length; i++) {
      meanX += x[i];
      meanY += y[i];
    }
    meanX /= x.length;
    meanY /= x.length;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - meanX) * (y[i] - meanY);
      sxx += (x[i] - meanX) * (x[i] - meanX);
    }
    double slope = sxy / sxx;
    return new double[] {slope, meanY - slope * meanX};
  }

  /** The gradient of Σ rᵢ², rᵢ = p₀xᵢ + p₁ − yᵢ, by hand: (2Σ rᵢxᵢ, 2Σ rᵢ). */
  static double[] closedFormGradient(double[] p, double[] x, double[] y) {
    double[] gradient = new double[2];
    for (int i = 0; i < x.length; i++) {
      double r = p[0] * x[i] + p[1] - y[i];
      gradient[0] += 2 * r * x[i];
      gradient[1] += 2 * r;
    }
    return gradient;
  }

  /** The size of the terms each gradient component sums: (2Σ |rᵢxᵢ|, 2Σ |rᵢ|). */
  static double[] termScale(double[] p, double[] x, double[] y) {
    double[] scale = new double[2];
    for (int i = 0; i < x.length; i++) {
      double r = Math.abs(p[0] * x[i] + p[1] - y[i]);
      scale[0] += 2 * r * Math.abs(x[i]);
      scale[1] += 2 * r;
    }
    return scale;
  }

  private void assertGradientIsClosedForm(double[] p, double[] actual, String where) {
    double[] expected = closedFormGradient(p, x, y);
    double[] scale = termScale(p, x, y);
    assertEquals(2, actual.length, where + ": length");
    assertEquals(expected[0], actual[0], 1e-14 * scale[0], where + ": d/dslope");
    assertEquals(expected[1], actual[1], 1e-14 * scale[1], where + ": d/dintercept");
  }

  @Test
  void gradientMatchesTheClosedForm() {
    Random random = new Random(99);
    double[][] points = new double[12][];
    points[0] = new double[] {0, 0};
    points[1] = new double[] {20, 9};
    for (int k = 2; k < points.length; k++) {
      points[k] = new double[] {40 * random.nextDouble() - 10, 40 * random.nextDouble() - 10};
    }
    for (double[] p : points) {
      assertGradientIsClosedForm(
          p, LeastSquaresGrad.dssedp(p, x, y), "at (" + p[0] + ", " + p[1] + ")");
    }
  }

  @Test
  void gradientVanishesAtTheLeastSquaresSolution() {
    double[] ols = ordinaryLeastSquares(x, y);

    double[] gradient = LeastSquaresGrad.dssedp(ols, x, y);

    double[] scale = termScale(ols, x, y);
    assertEquals(0, gradient[0], 1e-12 * scale[0]);
    assertEquals(0, gradient[1], 1e-12 * scale[1]);
  }

  @Test
  void conjugateGradientsWithTheGeneratedGradientFindTheLeastSquaresLine() {
    double[] ols = ordinaryLeastSquares(x, y);

    PointValuePair optimum = LinearFit.fit(x, y);

    double[] p = optimum.getPoint();
    assertEquals(ols[0], p[0], 1e-6 * Math.abs(ols[0]), "slope");
    assertEquals(ols[1], p[1], 1e-6 * Math.abs(ols[1]), "intercept");
    double minimum = LeastSquares.sse(ols, x, y);
    assertEquals(minimum, optimum.getValue(), 1e-10 * minimum, "sum of squares");
  }

  @Test
  void fittedLineIsCloseToTheLineTheDataCameFrom() {
    // A sanity check of the data, not of ad4j: with noise σ = 2 the slope's standard error is
    // σ / sqrt(Σ(x − x̄)²), and the fit lies within four of them of 20.
    double[] ols = ordinaryLeastSquares(x, y);
    double meanX = 0;
    for (double xi : x) {
      meanX += xi;
    }
    meanX /= x.length;
    double sxx = 0;
    for (double xi : x) {
      sxx += (xi - meanX) * (xi - meanX);
    }
    double slopeError = LinearFit.NOISE / Math.sqrt(sxx);
    double interceptError =
        LinearFit.NOISE * Math.sqrt(1.0 / x.length + meanX * meanX / sxx);

    assertTrue(Math.abs(ols[0] - LinearFit.TRUE_SLOPE) < 4 * slopeError, "slope " + ols[0]);
    assertTrue(
        Math.abs(ols[1] - LinearFit.TRUE_INTERCEPT) < 4 * interceptError, "intercept " + ols[1]);
  }

  @Test
  void otherDataSetsFitToo() {
    for (long seed = 1; seed <= 5; seed++) {
      double[] ySeeded = LinearFit.ordinates(x, seed);
      double[] ols = ordinaryLeastSquares(x, ySeeded);

      double[] p = LinearFit.fit(x, ySeeded).getPoint();

      assertEquals(ols[0], p[0], 1e-6 * Math.abs(ols[0]), "slope, seed " + seed);
      assertEquals(ols[1], p[1], 1e-6 * Math.abs(ols[1]), "intercept, seed " + seed);
    }
  }

  @Test
  void everyFormGivesTheSameValueAndGradient() {
    double[] p = {17.5, 11.25};
    double value = LeastSquares.sse(p, x, y);
    double[] gradient = LeastSquaresGrad.dssedp(p, x, y);

    LeastSquaresGrad.SseGradient record = LeastSquaresGrad.sseGradient(p, x, y);
    assertEquals(value, record.value(), 0);
    assertGradientIsClosedForm(p, record.dssedp(), "record");

    double[] accumulated = {-1, 1};
    assertEquals(value, LeastSquaresGrad.sseGradient(p, x, y, accumulated), 0);
    assertEquals(-1 + gradient[0], accumulated[0], 1e-12 * Math.abs(gradient[0]));
    assertEquals(1 + gradient[1], accumulated[1], 1e-12 * Math.abs(gradient[1]));

    double[] pulled = new double[2];
    assertEquals(value, LeastSquaresGrad.ssePullback(p, x, y, 0.5, pulled), 0);
    assertEquals(0.5 * gradient[0], pulled[0], 1e-12 * Math.abs(gradient[0]));
    assertEquals(0.5 * gradient[1], pulled[1], 1e-12 * Math.abs(gradient[1]));
  }
}

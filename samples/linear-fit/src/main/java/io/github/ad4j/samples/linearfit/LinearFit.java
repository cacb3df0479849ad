package io.github.ad4j.samples.linearfit;

import java.util.Random;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer.Formula;

/**
 * Fits a straight line to noisy points of y = 20x + 9 with Hipparchus' nonlinear conjugate
 * gradient optimiser, fed the gradient the plugin generated from {@link LeastSquares#sse}: {@code
 * mvn -B -q -pl samples/linear-fit -am package exec:java}.
 */
public final class LinearFit {

  private LinearFit() {}

  /** Slope of the line the points are drawn around. */
  static final double TRUE_SLOPE = 20;

  /** Intercept of the line the points are drawn around. */
  static final double TRUE_INTERCEPT = 9;

  /** Number of points. */
  static final int POINTS = 50;

  /** Standard deviation of the noise added to each ordinate. */
  static final double NOISE = 2;

  /** Seed of the noise. */
  static final long SEED = 2024;

  /** Abscissae 0, 0.1, …, 4.9. */
  static double[] abscissae() {
    double[] x = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      x[i] = 0.1 * i;
    }
    return x;
  }

  /** Ordinates 20x + 9 plus Gaussian noise from a fixed seed. */
  static double[] ordinates(double[] x, long seed) {
    Random random = new Random(seed);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = TRUE_SLOPE * x[i] + TRUE_INTERCEPT + NOISE * random.nextGaussian();
    }
    return y;
  }

  /**
   * Minimises {@link LeastSquares#sse} over (slope, intercept) from (0, 0) with Polak–Ribière
   * conjugate gradients; the optimiser gets the value from {@code LeastSquares.sse} and the
   * gradient from the generated {@code LeastSquaresGrad.dssedp}.
   *
   * @return the optimum: the point (slope, intercept) and the sum of squares there
   */
  static PointValuePair fit(double[] x, double[] y) {
    NonLinearConjugateGradientOptimizer optimizer =
        new NonLinearConjugateGradientOptimizer(
            Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-15, 1e-15));
    return optimizer.optimize(
        new MaxEval(10_000),
        new ObjectiveFunction(p -> LeastSquares.sse(p, x, y)),
        new ObjectiveFunctionGradient(p -> LeastSquaresGrad.dssedp(p, x, y)),
        GoalType.MINIMIZE,
        new InitialGuess(new double[] {0, 0}));
  }

  /** Prints the fitted line and how much work the optimiser did. */
  public static void main(String[] args) {
    System.out.println("ad4j linear fit: y = 20x + 9 + noise, Hipparchus conjugate gradients");
    System.out.println();

    double[] x = abscissae();
    double[] y = ordinates(x, SEED);
    System.out.printf(
        "%d points, x in [%s, %s], noise N(0, %s^2), seed %d%n",
        POINTS, x[0], x[POINTS - 1], NOISE, SEED);
    double[] start = {0, 0};
    double[] g = LeastSquaresGrad.dssedp(start, x, y);
    System.out.printf(
        "at (0, 0): sse = %s, gradient = (%s, %s)%n", LeastSquares.sse(start, x, y), g[0], g[1]);
    System.out.println();

    PointValuePair optimum = fit(x, y);
    double[] p = optimum.getPoint();
    System.out.printf("fitted slope     %.12f   (true 20)%n", p[0]);
    System.out.printf("fitted intercept %.12f   (true 9)%n", p[1]);
    System.out.printf("sum of squares   %.12f%n", optimum.getValue());
    double[] gAtOptimum = LeastSquaresGrad.dssedp(p, x, y);
    System.out.printf("gradient there   (%.3e, %.3e)%n", gAtOptimum[0], gAtOptimum[1]);
  }
}

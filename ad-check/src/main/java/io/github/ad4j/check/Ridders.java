package io.github.ad4j.check;

import java.util.function.DoubleUnaryOperator;

/**
 * The numeric derivative GradCheck trusts: central differences at shrinking steps, extrapolated to
 * step zero (Richardson) in a Neville tableau, keeping the entry with the smallest error estimate
 * (Ridders' method, as in Numerical Recipes' {@code dfridr}).
 *
 * <p>Besides the derivative it returns that error estimate, so a check can tell a wrong gradient
 * from a component that differences cannot resolve (a tiny partial of a huge function).
 */
final class Ridders {

  /** Each step is the previous one divided by this. */
  private static final double SHRINK = 1.4;

  private static final double SHRINK2 = SHRINK * SHRINK;

  /** Steps tried at most. */
  private static final int STEPS = 10;

  /** Stop once the tableau's diagonal moves this many times the best error estimate. */
  private static final double SAFE = 2.0;

  private Ridders() {}

  /**
   * A derivative and its estimated absolute error.
   *
   * @param value the derivative
   * @param error the estimated absolute error of {@code value}
   */
  record Estimate(double value, double error) {}

  /** df/dt at {@code t}, starting from step {@code h}. */
  static Estimate derivative(DoubleUnaryOperator f, double t, double h) {
    double[][] a = new double[STEPS][STEPS];
    double step = h;
    a[0][0] = central(f, t, step);
    double best = a[0][0];
    double error = Double.POSITIVE_INFINITY;
    for (int i = 1; i < STEPS; i++) {
      step /= SHRINK;
      a[0][i] = central(f, t, step);
      double factor = SHRINK2;
      for (int j = 1; j <= i; j++) {
        // eliminate the next even power of the step
        a[j][i] = (a[j - 1][i] * factor - a[j - 1][i - 1]) / (factor - 1);
        factor *= SHRINK2;
        double estimate =
            Math.max(Math.abs(a[j][i] - a[j - 1][i]), Math.abs(a[j][i] - a[j - 1][i - 1]));
        if (estimate <= error) {
          error = estimate;
          best = a[j][i];
        }
      }
      // higher orders got worse (rounding took over): the best so far is as good as it gets
      if (Math.abs(a[i][i] - a[i - 1][i - 1]) >= SAFE * error) {
        break;
      }
    }
    return new Estimate(best, error);
  }

  private static double central(DoubleUnaryOperator f, double t, double h) {
    return (f.applyAsDouble(t + h) - f.applyAsDouble(t - h)) / (2 * h);
  }
}

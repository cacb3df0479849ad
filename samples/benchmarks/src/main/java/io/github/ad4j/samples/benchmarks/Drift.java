package io.github.ad4j.samples.benchmarks;

import io.github.ad4j.Differentiable;

/** Euler integration of x' = a sin x − b x + 1 over steps given as data, until a time. */
public final class Drift {

  private Drift() {}

  /**
   * x(tEnd)², stepping with {@code steps[0], steps[1], ...} while the time is before
   * {@code tEnd}: the trip count is known only when the loop ends.
   */
  @Differentiable(wrt = {"x0", "a", "b"})
  public static double integrate(double x0, double a, double b, double[] steps, double tEnd) {
    double x = x0;
    double t = 0;
    int k = 0;
    while (t < tEnd) {
      double h = steps[k];
      x += h * (a * Math.sin(x) - b * x + 1);
      t += h;
      k++;
    }
    return x * x;
  }
}

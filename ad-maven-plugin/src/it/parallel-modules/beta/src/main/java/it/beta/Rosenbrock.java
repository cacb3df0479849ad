package it.beta;

import io.github.ad4j.Differentiable;

public final class Rosenbrock {
  private Rosenbrock() {}

  @Differentiable
  public static double value(double[] x) {
    double f = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      f += 100 * a * a + b * b;
    }
    return f;
  }
}

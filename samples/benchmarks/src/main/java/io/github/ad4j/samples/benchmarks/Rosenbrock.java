package io.github.ad4j.samples.benchmarks;

import io.github.ad4j.Differentiable;

/** The Rosenbrock function of n inputs, the classic optimisation test problem. */
public final class Rosenbrock {

  private Rosenbrock() {}

  /** Σ 100 (x[i+1] − x[i]²)² + (1 − x[i])². */
  @Differentiable
  public static double rosenbrock(double[] x) {
    double sum = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double t = x[i + 1] - x[i] * x[i];
      double u = 1 - x[i];
      sum += 100 * t * t + u * u;
    }
    return sum;
  }
}

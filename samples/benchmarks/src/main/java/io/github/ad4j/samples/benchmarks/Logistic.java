package io.github.ad4j.samples.benchmarks;

import io.github.ad4j.Differentiable;

/** The loss a logistic regression minimises. */
public final class Logistic {

  private Logistic() {}

  /**
   * The mean negative log-likelihood of labels {@code y} (0 or 1) under P(y = 1) = σ(b + w·x),
   * written as log(1 + e^z) − y z.
   */
  @Differentiable(wrt = {"w", "b"})
  public static double loss(double[] w, double b, double[][] x, double[] y) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double z = b;
      for (int j = 0; j < w.length; j++) {
        z += w[j] * x[i][j];
      }
      total += Math.log1p(Math.exp(z)) - y[i] * z;
    }
    return total / x.length;
  }
}

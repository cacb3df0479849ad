package it.alpha;

import io.github.ad4j.Differentiable;

public final class Curves {
  private Curves() {}

  @Differentiable
  public static double power(double x, int n) {
    double t = 1;
    for (int i = 0; i < n; i++) {
      t *= x;
    }
    return t;
  }

  @Differentiable
  public static double logistic(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Differentiable(wrt = "w")
  public static double dot(double[] w, double[] x) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += w[i] * x[i];
    }
    return s;
  }
}

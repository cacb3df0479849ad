package it.gradients;

import io.github.ad4j.Differentiable;

/** Functions whose derivatives the plugin generates into FunctionsGrad. */
public final class Functions {

  private Functions() {}

  /** A polynomial: df/dx = 2x + 3y, df/dy = 3x + 2y. */
  @Differentiable
  public static double f(double x, double y) {
    return x * x + 3 * x * y + y * y;
  }

  /** Math functions: dwave/dx = cos(x) e^y, dwave/dy = sin(x) e^y. */
  @Differentiable
  static double wave(double x, double y) {
    return Math.sin(x) * Math.exp(y);
  }

  /**
   * Locals, compound assignment, and a restricted wrt: k is data, not differentiated.
   * dscaled/dx = k (cos x + sin x) e^x.
   */
  @Differentiable(wrt = {"x"})
  static double scaled(double x, double k) {
    double t = Math.sin(x);
    t *= k;
    return t * Math.exp(x);
  }

  /** A loop: dpower/dx = n x^(n - 1); the backward sweep reads t back off a tape. */
  @Differentiable
  static double power(double x, int n) {
    double t = 1;
    for (int i = 0; i < n; i++) {
      t *= x;
    }
    return t;
  }
}

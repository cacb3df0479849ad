package io.github.ad4j.samples.quickstart;

import io.github.ad4j.Differentiable;
import io.github.ad4j.Hessian;

/**
 * Ordinary functions of a few variables, as a user writes them. The plugin reads the
 * {@code @Differentiable} ones and generates {@code FunctionsGrad} beside this class.
 */
public final class Functions {

  private Functions() {}

  /** f(x, y) = x² + 3xy + y². */
  @Differentiable
  public static double f(double x, double y) {
    return x * x + 3 * x * y + y * y;
  }

  /** g(x1, x2) = (x1 + 5) · x2², with its second derivatives too ({@code @Hessian}). */
  @Differentiable
  @Hessian
  public static double g(double x1, double x2) {
    return (x1 + 5) * Math.pow(x2, 2);
  }

  /**
   * Two intermediate results that both depend on x and are summed: the adjoint of x collects a
   * contribution from each, 3 + 2x.
   */
  @Differentiable
  public static double sum(double x) {
    double z1 = 3 * x;
    double z2 = x * x;
    return z1 + z2;
  }

  /** The parabola 3x² + 2x − 1, minimised by gradient descent in {@link Quickstart}. */
  @Differentiable
  public static double parabola(double x) {
    return 3 * x * x + 2 * x - 1;
  }
}

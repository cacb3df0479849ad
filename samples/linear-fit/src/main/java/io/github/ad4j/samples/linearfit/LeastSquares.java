package io.github.ad4j.samples.linearfit;

import io.github.ad4j.Differentiable;

/**
 * The objective of a straight-line fit. The plugin generates {@code LeastSquaresGrad} beside this
 * class, with {@code dssedp}, the gradient with respect to the line's parameters.
 */
public final class LeastSquares {

  private LeastSquares() {}

  /**
   * Sum of squared residuals of the line y = p[0]·x + p[1] through the points (x[i], y[i]).
   *
   * @param p slope and intercept
   * @param x abscissae
   * @param y ordinates, one per abscissa
   * @return Σᵢ (p[0]·x[i] + p[1] − y[i])²
   */
  @Differentiable(wrt = "p")
  public static double sse(double[] p, double[] x, double[] y) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double residual = p[0] * x[i] + p[1] - y[i];
      sum += residual * residual;
    }
    return sum;
  }
}

package it.checked;

import io.github.ad4j.CheckAt;
import io.github.ad4j.Differentiable;

/** Methods of every shape the generated checks handle, and one they leave out. */
public final class Model {
  final double scale;

  public Model(double scale) {
    this.scale = scale;
  }

  @Differentiable
  public static double f(double x, double y) {
    return x * x + 3 * x * y + y * y;
  }

  /** Mean squared error of a linear model: w and b vary, the data x and y are fixed. */
  @Differentiable(wrt = {"w", "b"})
  public static double loss(double[] w, double b, double[][] x, double[] y) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      double r = b - y[i];
      for (int j = 0; j < w.length; j++) {
        r += w[j] * x[i][j];
      }
      sum += r * r;
    }
    return sum / y.length;
  }

  @Differentiable
  @CheckAt(value = {"0.25, 3", "2, 0.5"}, fixed = "terms = 6", tolerance = 1e-8)
  static double series(double x, double y, int terms) {
    double s = 0;
    for (int k = 1; k <= terms; k++) {
      s += Math.sin(k * x) * Math.log(y) / k;
    }
    return s;
  }

  @Differentiable
  static float cube(float x) {
    return x * x * x;
  }

  /** An instance method: the generated check cannot construct a Model, so it warns and skips. */
  @Differentiable
  double scaled(double x) {
    return scale * x * x;
  }
}

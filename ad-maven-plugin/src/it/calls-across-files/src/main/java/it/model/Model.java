package it.model;

import io.github.ad4j.Differentiable;
import it.shapes.Shapes;

/** Calls a @Differentiable method of another file and package. */
public final class Model {

  private Model() {}

  @Differentiable
  public static double loss(double x, double y) {
    double b = Shapes.bump(2 * x) * y;
    return b * b;
  }

  /** Calls a method of another package that writes into the array it is given. */
  @Differentiable
  public static double scaledSquares(double[] x, double s) {
    double[] w = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      w[i] = x[i] * x[i];
    }
    Shapes.scaleInPlace(w, s);
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      sum += w[i] * w[i];
    }
    return sum;
  }
}

package it.shapes;

import io.github.ad4j.Differentiable;

/** A @Differentiable method another file of the build calls. */
public final class Shapes {

  private Shapes() {}

  @Differentiable
  public static double bump(double x) {
    return Math.exp(-x * x);
  }

  /** Scales v in place by s and returns the scaled first element: an out-parameter. */
  @Differentiable
  public static double scaleInPlace(double[] v, double s) {
    for (int i = 0; i < v.length; i++) {
      v[i] = v[i] * s;
    }
    return v[0];
  }
}

package it.shapes;

import io.github.ad4j.Differentiable;

/** A @Differentiable method another file of the build calls. */
public final class Shapes {

  private Shapes() {}

  @Differentiable
  public static double bump(double x) {
    return Math.exp(-x * x);
  }
}

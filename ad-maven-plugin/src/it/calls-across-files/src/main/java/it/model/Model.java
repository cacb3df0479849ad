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
}

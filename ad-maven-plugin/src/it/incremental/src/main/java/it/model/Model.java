package it.model;

import io.github.ad4j.Differentiable;
import it.shapes.Shapes;

/** Never edited: its derivative changes because its callee in another file does. */
public final class Model {
  private Model() {}

  @Differentiable
  public static double energy(double a, double b) {
    return Shapes.bump(a * b, 2.0) + a;
  }
}

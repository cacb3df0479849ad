package it.shapes;

import io.github.ad4j.Differentiable;

public final class Shapes {
  private Shapes() {}

  /** The third build replaces this file with edits/it/shapes/Shapes.java. */
  @Differentiable(wrt = "x")
  public static double bump(double x, double width) {
    return Math.exp(-x * x / width);
  }
}

package it.shapes;

import io.github.ad4j.Differentiable;

public final class Shapes {
  private Shapes() {}

  /** Edited: another body, and differentiable in the width too. */
  @Differentiable
  public static double bump(double x, double width) {
    return width * Math.exp(-x * x / width);
  }
}

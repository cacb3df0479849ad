package it.plain;

import io.github.ad4j.Differentiable;

/** The third build removes the annotation: PlainGrad must go. */
public final class Plain {
  private Plain() {}

  @Differentiable
  public static double cube(double x) {
    return x * x * x;
  }
}

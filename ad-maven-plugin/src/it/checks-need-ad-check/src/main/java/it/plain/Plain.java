package it.plain;

import io.github.ad4j.Differentiable;

public final class Plain {
  private Plain() {}

  @Differentiable
  public static double square(double x) {
    return x * x;
  }
}

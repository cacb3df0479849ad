package it.skip;

import io.github.ad4j.Differentiable;

/** Has a derivative to generate, but generation is skipped. */
public final class Smooth {

  private Smooth() {}

  @Differentiable
  public static double square(double x) {
    return x * x;
  }
}

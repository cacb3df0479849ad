package it.fit;

import io.github.ad4j.Differentiable;

/** A main-source class no test source names: editing it regenerates no test derivative. */
public final class Unrelated {
  private Unrelated() {}

  @Differentiable
  public static double bump(double x) {
    return Math.exp(-x * x);
  }
}

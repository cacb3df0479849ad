package it.gone;

import io.github.ad4j.Differentiable;

/** The third build deletes this file: GoneGrad must go with it. */
public final class Gone {
  private Gone() {}

  @Differentiable
  public static double square(double x) {
    return x * x;
  }
}

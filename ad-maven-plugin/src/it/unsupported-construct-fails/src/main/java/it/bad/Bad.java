package it.bad;

import io.github.ad4j.Differentiable;

/** A method this version cannot differentiate: it branches. */
public final class Bad {

  private Bad() {}

  @Differentiable
  public static double relu(double x) {
    if (x > 0) {
      return x;
    }
    return 0;
  }
}

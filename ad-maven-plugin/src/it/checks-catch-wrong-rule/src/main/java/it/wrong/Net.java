package it.wrong;

import io.github.ad4j.Differentiable;
import io.github.ad4j.Partial;
import it.lib.Special;

public final class Net {
  private Net() {}

  // Deliberately wrong: the derivative of softplus is 1 / (1 + e^-x), not 1 / (1 + e^x).
  @Partial(of = "Special.softplus", wrt = "x")
  static double softplusSlope(double x) {
    return 1 / (1 + Math.exp(x));
  }

  @Differentiable
  public static double unit(double w, double b) {
    return Special.softplus(2 * w + b);
  }

  @Differentiable
  public static double linear(double w, double b) {
    return 2 * w + b;
  }
}

package it.bad;

import io.github.ad4j.Differentiable;

/** A method this version cannot differentiate: it uses a switch statement. */
public final class Bad {

  private Bad() {}

  @Differentiable
  public static double relu(double x) {
    switch ((int) Math.signum(x)) {
      case 1: return x;
      default: return 0;
    }
  }
}

package it.mixed;

import io.github.ad4j.Differentiable;

/** One method that can be differentiated and one that cannot. */
public final class Mixed {

  private Mixed() {}

  @Differentiable
  public static double relu(double x) {
    switch ((int) Math.signum(x)) {
      case 1: return x;
      default: return 0;
    }
  }

  @Differentiable
  public static double cube(double x) {
    double square = x * x;
    return square * x;
  }
}

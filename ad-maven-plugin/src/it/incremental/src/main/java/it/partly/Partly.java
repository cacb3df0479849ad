package it.partly;

import io.github.ad4j.Differentiable;

/** The third build removes the annotation of dropped: its derivatives must go, kept's stay. */
public final class Partly {
  private Partly() {}

  @Differentiable
  public static double kept(double x) {
    return Math.sin(x);
  }

  @Differentiable
  public static double dropped(double x) {
    return Math.cos(x);
  }
}

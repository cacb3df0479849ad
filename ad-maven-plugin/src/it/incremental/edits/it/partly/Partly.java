package it.partly;

import io.github.ad4j.Differentiable;

/** Edited: dropped is no longer annotated. */
public final class Partly {
  private Partly() {}

  @Differentiable
  public static double kept(double x) {
    return Math.sin(x);
  }

  public static double dropped(double x) {
    return Math.cos(x);
  }
}

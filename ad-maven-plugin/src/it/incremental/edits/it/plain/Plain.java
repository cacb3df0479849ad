package it.plain;

/** Edited: no longer annotated. */
public final class Plain {
  private Plain() {}

  public static double cube(double x) {
    return x * x * x;
  }
}

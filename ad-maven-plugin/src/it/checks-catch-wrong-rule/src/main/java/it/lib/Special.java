package it.lib;

/** A library function whose source ad4j is not asked to differentiate. */
public final class Special {
  private Special() {}

  public static double softplus(double x) {
    return Math.log1p(Math.exp(x));
  }
}

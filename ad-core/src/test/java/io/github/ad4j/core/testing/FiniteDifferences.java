package io.github.ad4j.core.testing;

import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * The independent oracle every generated derivative is checked against: central differences with
 * two levels of Richardson extrapolation, accurate to about 1e-10 relative on smooth functions.
 */
public final class FiniteDifferences {

  private FiniteDifferences() {}

  /** The step of {@link #derivative(DoubleUnaryOperator, double)}, relative to max(1, |x|). */
  public static final double RELATIVE_STEP = 1e-2;

  /** df/dx at {@code x}. */
  public static double derivative(DoubleUnaryOperator f, double x) {
    return derivative(f, x, RELATIVE_STEP);
  }

  /**
   * df/dx at {@code x}, from central differences at steps h, h/2 and h/4 with {@code h =
   * relativeStep * max(1, |x|)}: f is evaluated at x ± h, x ± h/2, x ± h/4 only.
   */
  public static double derivative(DoubleUnaryOperator f, double x, double relativeStep) {
    double h = relativeStep * Math.max(1, Math.abs(x));
    double d1 = central(f, x, h);
    double d2 = central(f, x, h / 2);
    double d4 = central(f, x, h / 4);
    // eliminate the h^2 term, then the h^4 term
    double r1 = (4 * d2 - d1) / 3;
    double r2 = (4 * d4 - d2) / 3;
    return (16 * r2 - r1) / 15;
  }

  /** The partial derivative of {@code f} with respect to {@code x[i]} at {@code x}. */
  public static double partial(ToDoubleFunction<double[]> f, double[] x, int i) {
    return derivative(
        t -> {
          double[] moved = x.clone();
          moved[i] = t;
          return f.applyAsDouble(moved);
        },
        x[i]);
  }

  /** The gradient of {@code f} at {@code x}. */
  public static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      g[i] = partial(f, x, i);
    }
    return g;
  }

  private static double central(DoubleUnaryOperator f, double x, double h) {
    return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
  }
}

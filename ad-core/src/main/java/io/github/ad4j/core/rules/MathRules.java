package io.github.ad4j.core.rules;

import io.github.ad4j.Partial;

/**
 * The built-in derivative rules: one partial derivative of a {@code java.lang.Math} function per
 * method, written as plain Java in the same form as a user's own rules.
 *
 * <p>javac compiles this file, so every rule is checked Java; the rule table parses its source at
 * run time and substitutes each call's arguments for the parameters. A rule that calls the
 * differentiated function with the same arguments reuses the value the forward sweep computed
 * (so {@code exp} costs no second exponential). The rules apply to {@code StrictMath} as well,
 * with {@code StrictMath} in their bodies.
 *
 * <p>Conventions at kinks follow JAX and PyTorch: the derivative of {@code abs} at 0 is 0, {@code
 * max} and {@code min} split the adjoint evenly at a tie (and give none to either argument where one
 * is NaN), {@code sqrt} at 0 gives +Infinity, and
 * functions that are piecewise constant ({@code floor}, {@code ceil}, {@code rint}, {@code round},
 * {@code signum}) have derivative 0. {@code pow(x, y)} takes the derivative wrt {@code x} as 0
 * where {@code y == 0} and wrt {@code y} as 0 where {@code x == 0}; {@code hypot} at (0, 0) takes
 * 0.
 */
final class MathRules {

  private MathRules() {}

  @Partial(of = "Math.sin", wrt = "x")
  static double sin(double x) {
    return Math.cos(x);
  }

  @Partial(of = "Math.cos", wrt = "x")
  static double cos(double x) {
    return -Math.sin(x);
  }

  @Partial(of = "Math.tan", wrt = "x")
  static double tan(double x) {
    return 1 + Math.tan(x) * Math.tan(x);
  }

  @Partial(of = "Math.asin", wrt = "x")
  static double asin(double x) {
    return 1 / Math.sqrt(1 - x * x);
  }

  @Partial(of = "Math.acos", wrt = "x")
  static double acos(double x) {
    return -1 / Math.sqrt(1 - x * x);
  }

  @Partial(of = "Math.atan", wrt = "x")
  static double atan(double x) {
    return 1 / (1 + x * x);
  }

  @Partial(of = "Math.atan2", wrt = "y")
  static double atan2Y(double y, double x) {
    return x / (x * x + y * y);
  }

  @Partial(of = "Math.atan2", wrt = "x")
  static double atan2X(double y, double x) {
    return -y / (x * x + y * y);
  }

  @Partial(of = "Math.sinh", wrt = "x")
  static double sinh(double x) {
    return Math.cosh(x);
  }

  @Partial(of = "Math.cosh", wrt = "x")
  static double cosh(double x) {
    return Math.sinh(x);
  }

  @Partial(of = "Math.tanh", wrt = "x")
  static double tanh(double x) {
    return 1 - Math.tanh(x) * Math.tanh(x);
  }

  @Partial(of = "Math.exp", wrt = "x")
  static double exp(double x) {
    return Math.exp(x);
  }

  @Partial(of = "Math.expm1", wrt = "x")
  static double expm1(double x) {
    return Math.expm1(x) + 1;
  }

  @Partial(of = "Math.log", wrt = "x")
  static double log(double x) {
    return 1 / x;
  }

  @Partial(of = "Math.log1p", wrt = "x")
  static double log1p(double x) {
    return 1 / (1 + x);
  }

  @Partial(of = "Math.log10", wrt = "x")
  static double log10(double x) {
    return 0.4342944819032518 / x; // 1 / ln(10)
  }

  @Partial(of = "Math.pow", wrt = "x")
  static double powX(double x, double y) {
    return y == 0 ? 0 : y * Math.pow(x, y - 1);
  }

  @Partial(of = "Math.pow", wrt = "y")
  static double powY(double x, double y) {
    return x == 0 ? 0 : Math.pow(x, y) * Math.log(x);
  }

  @Partial(of = "Math.sqrt", wrt = "x")
  static double sqrt(double x) {
    return 0.5 / Math.sqrt(x);
  }

  @Partial(of = "Math.cbrt", wrt = "x")
  static double cbrt(double x) {
    return 1 / (3 * Math.cbrt(x) * Math.cbrt(x));
  }

  @Partial(of = "Math.hypot", wrt = "x")
  static double hypotX(double x, double y) {
    return Math.hypot(x, y) == 0 ? 0 : x / Math.hypot(x, y);
  }

  @Partial(of = "Math.hypot", wrt = "y")
  static double hypotY(double x, double y) {
    return Math.hypot(x, y) == 0 ? 0 : y / Math.hypot(x, y);
  }

  @Partial(of = "Math.abs", wrt = "x")
  static double abs(double x) {
    return Math.signum(x);
  }

  @Partial(of = "Math.max", wrt = "a")
  static double maxA(double a, double b) {
    return a > b ? 1 : a == b ? 0.5 : 0;
  }

  @Partial(of = "Math.max", wrt = "b")
  static double maxB(double a, double b) {
    return b > a ? 1 : b == a ? 0.5 : 0;
  }

  @Partial(of = "Math.min", wrt = "a")
  static double minA(double a, double b) {
    return a < b ? 1 : a == b ? 0.5 : 0;
  }

  @Partial(of = "Math.min", wrt = "b")
  static double minB(double a, double b) {
    return b < a ? 1 : b == a ? 0.5 : 0;
  }

  @Partial(of = "Math.floor", wrt = "x")
  static double floor(double x) {
    return 0;
  }

  @Partial(of = "Math.ceil", wrt = "x")
  static double ceil(double x) {
    return 0;
  }

  @Partial(of = "Math.rint", wrt = "x")
  static double rint(double x) {
    return 0;
  }

  @Partial(of = "Math.round", wrt = "x")
  static double round(double x) {
    return 0;
  }

  @Partial(of = "Math.signum", wrt = "x")
  static double signum(double x) {
    return 0;
  }

  @Partial(of = "Math.toRadians", wrt = "x")
  static double toRadians(double x) {
    return 0.017453292519943295; // pi / 180
  }

  @Partial(of = "Math.toDegrees", wrt = "x")
  static double toDegrees(double x) {
    return 57.29577951308232; // 180 / pi
  }

  @Partial(of = "Math.fma", wrt = "a")
  static double fmaA(double a, double b, double c) {
    return b;
  }

  @Partial(of = "Math.fma", wrt = "b")
  static double fmaB(double a, double b, double c) {
    return a;
  }

  @Partial(of = "Math.fma", wrt = "c")
  static double fmaC(double a, double b, double c) {
    return 1;
  }
}

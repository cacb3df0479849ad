package it.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class FunctionsGradTest {

  private static final double[][] POINTS = {{2, 1}, {-1.5, 0.25}, {0.3, -2}, {3, 2.5}, {0, 0}};

  /** Closed forms are exact up to rounding. */
  private static void assertExact(double expected, double actual) {
    assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)));
  }

  /** Central difference: truncation error O(h^2) ~ 1e-10, rounding ~ 1e-16 |f| / h ~ 1e-11. */
  private static void assertMatchesFiniteDifference(DoubleUnaryOperator g, double at, double d) {
    double h = 1e-5 * Math.max(1, Math.abs(at));
    double central = (g.applyAsDouble(at + h) - g.applyAsDouble(at - h)) / (2 * h);
    assertEquals(central, d, 1e-6 * Math.max(1, Math.abs(central)));
  }

  @Test
  void polynomialPartials() {
    assertEquals(7.0, FunctionsGrad.dfdx(2, 1));
    assertEquals(8.0, FunctionsGrad.dfdy(2, 1));
    for (double[] p : POINTS) {
      double x = p[0];
      double y = p[1];
      assertExact(2 * x + 3 * y, FunctionsGrad.dfdx(x, y));
      assertExact(3 * x + 2 * y, FunctionsGrad.dfdy(x, y));
      assertMatchesFiniteDifference(t -> Functions.f(t, y), x, FunctionsGrad.dfdx(x, y));
      assertMatchesFiniteDifference(t -> Functions.f(x, t), y, FunctionsGrad.dfdy(x, y));
    }
  }

  @Test
  void mathFunctionPartials() {
    for (double[] p : POINTS) {
      double x = p[0];
      double y = p[1];
      assertExact(Math.cos(x) * Math.exp(y), FunctionsGrad.dwavedx(x, y));
      assertExact(Math.sin(x) * Math.exp(y), FunctionsGrad.dwavedy(x, y));
      assertMatchesFiniteDifference(t -> Functions.wave(t, y), x, FunctionsGrad.dwavedx(x, y));
      assertMatchesFiniteDifference(t -> Functions.wave(x, t), y, FunctionsGrad.dwavedy(x, y));
    }
  }

  @Test
  void restrictedWrt() {
    for (double[] p : POINTS) {
      double x = p[0];
      double k = p[1];
      assertExact(k * (Math.cos(x) + Math.sin(x)) * Math.exp(x), FunctionsGrad.dscaleddx(x, k));
      assertMatchesFiniteDifference(t -> Functions.scaled(t, k), x, FunctionsGrad.dscaleddx(x, k));
    }
    assertTrue(
        Arrays.stream(FunctionsGrad.class.getMethods())
            .map(Method::getName)
            .noneMatch("dscaleddk"::equals),
        "k is not in wrt, so there is no dscaleddk");
  }

  @Test
  void valueAndGradientInOneCall() {
    FunctionsGrad.WaveGradient g = FunctionsGrad.waveGradient(0.3, -2);
    assertExact(Functions.wave(0.3, -2), g.value());
    assertExact(FunctionsGrad.dwavedx(0.3, -2), g.dwavedx());
    assertExact(FunctionsGrad.dwavedy(0.3, -2), g.dwavedy());
  }
}

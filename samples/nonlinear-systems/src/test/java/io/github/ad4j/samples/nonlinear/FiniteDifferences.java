package io.github.ad4j.samples.nonlinear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Function;

/** Jacobians by central finite differences with two levels of Richardson extrapolation. */
final class FiniteDifferences {

  private FiniteDifferences() {}

  /**
   * Asserts that {@code actual} is the Jacobian of {@code f} at {@code v}, entry by entry, to
   * {@code tolerance} · (1 + |Jᵢⱼ|) plus the rounding error of the difference quotient: about 10
   * ulps of |fᵢ(v)| divided by the step hⱼ (the quotient divides rounding errors of size ε|fᵢ| by
   * h, and the extrapolation weights add up to about 10).
   */
  static void assertJacobian(
      Function<double[], double[]> f,
      double[] v,
      double relativeStep,
      double minStep,
      double[][] actual,
      double tolerance,
      String what) {
    double[][] expected = jacobian(f, v, relativeStep, minStep);
    double[] fv = f.apply(v);
    assertEquals(expected.length, actual.length, what + ": rows");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i].length, actual[i].length, what + ": columns");
      for (int j = 0; j < expected[i].length; j++) {
        double h = step(v[j], relativeStep, minStep);
        double rounding = 10 * Math.ulp(1.0) * Math.abs(fv[i]) / h;
        assertEquals(
            expected[i][j],
            actual[i][j],
            tolerance * (1 + Math.abs(expected[i][j])) + rounding,
            what + ": entry (" + i + ", " + j + ")");
      }
    }
  }

  /** hⱼ = {@code relativeStep} · max(|vⱼ|, {@code minStep}). */
  static double step(double vj, double relativeStep, double minStep) {
    return relativeStep * Math.max(Math.abs(vj), minStep);
  }

  /**
   * The Jacobian of {@code f} at {@code v}, column j from steps hⱼ = {@code relativeStep} ·
   * max(|vⱼ|, {@code minStep}): the central difference D(h) = (f(v + h eⱼ) − f(v − h eⱼ)) / 2h
   * has error c₂h² + c₄h⁴ + …; R(h) = (4 D(h/2) − D(h)) / 3 removes the h² term, and (16 R(h/2) −
   * R(h)) / 15 the h⁴ term.
   */
  static double[][] jacobian(
      Function<double[], double[]> f, double[] v, double relativeStep, double minStep) {
    int n = v.length;
    double[][] columns = new double[n][];
    for (int j = 0; j < n; j++) {
      double h = step(v[j], relativeStep, minStep);
      double[] d1 = central(f, v, j, h);
      double[] d2 = central(f, v, j, h / 2);
      double[] d4 = central(f, v, j, h / 4);
      columns[j] = new double[d1.length];
      for (int i = 0; i < d1.length; i++) {
        double r1 = (4 * d2[i] - d1[i]) / 3;
        double r2 = (4 * d4[i] - d2[i]) / 3;
        columns[j][i] = (16 * r2 - r1) / 15;
      }
    }
    double[][] jacobian = new double[columns[0].length][n];
    for (int i = 0; i < jacobian.length; i++) {
      for (int j = 0; j < n; j++) {
        jacobian[i][j] = columns[j][i];
      }
    }
    return jacobian;
  }

  /** (f(v + h eⱼ) − f(v − h eⱼ)) / 2h. */
  private static double[] central(Function<double[], double[]> f, double[] v, int j, double h) {
    double[] plus = v.clone();
    double[] minus = v.clone();
    plus[j] += h;
    minus[j] -= h;
    double[] fPlus = f.apply(plus);
    double[] fMinus = f.apply(minus);
    double[] d = new double[fPlus.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = (fPlus[i] - fMinus[i]) / (2 * h);
    }
    return d;
  }
}

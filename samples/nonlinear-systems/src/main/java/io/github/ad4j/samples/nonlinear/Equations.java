package io.github.ad4j.samples.nonlinear;

import io.github.ad4j.Differentiable;
import io.github.ad4j.Jacobian;

/**
 * Two systems of nonlinear equations F(v) = 0 with roots known in closed form. The plugin
 * generates {@code EquationsGrad} beside this class, whose {@code circleParabolaJacobian} and
 * {@code threeByThreeJacobian} return the matrices ∂Fᵢ/∂vⱼ that Newton's method needs.
 */
public final class Equations {

  private Equations() {}

  /**
   * Where the circle x² + y² = 5 meets the parabola y = x² − 1: F(x, y) = (x² + y² − 5, x² − 1 −
   * y). Eliminating x² gives y² + y − 4 = 0, so the roots are y = (−1 ± √17)/2, x = ±√(y + 1);
   * the upper pair has y = (√17 − 1)/2.
   *
   * @param v the point (x, y)
   * @return the two residuals
   */
  @Differentiable
  public static double[] circleParabola(double[] v) {
    double[] f = new double[2];
    double x = v[0];
    double y = v[1];
    f[0] = x * x + y * y - 5;
    f[1] = x * x - 1 - y;
    return f;
  }

  /**
   * Three equations in (x, y, z) with the root (1, 2, 3): a sphere of radius √14, a product and
   * an exponential, F = (x² + y² + z² − 14, xyz − 6, e^(x−1) + y − z).
   *
   * <p>For a square system forward and reverse mode cost the same (three sweeps each), and the
   * generated Jacobian would be built column by column; {@code @Jacobian(REVERSE)} has it built
   * row by row from the pullback instead, to show the choice. The tests check that both agree.
   *
   * @param v the point (x, y, z)
   * @return the three residuals
   */
  @Differentiable
  @Jacobian(Jacobian.Mode.REVERSE)
  public static double[] threeByThree(double[] v) {
    double[] f = new double[3];
    f[0] = v[0] * v[0] + v[1] * v[1] + v[2] * v[2] - 14;
    f[1] = v[0] * v[1] * v[2] - 6;
    f[2] = Math.exp(v[0] - 1) + v[1] - v[2];
    return f;
  }
}

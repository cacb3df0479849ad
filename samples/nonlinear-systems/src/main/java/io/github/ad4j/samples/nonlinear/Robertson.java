package io.github.ad4j.samples.nonlinear;

import io.github.ad4j.Differentiable;

/**
 * Robertson's chemical kinetics (1966), the classic stiff test problem: three species, A → B
 * slowly (k1), B + B → C + B very fast (k2), B + C → A + C fast (k3). The rates differ by nine
 * orders of magnitude, so explicit methods need steps of about 1e-4 for stability long after y2
 * has settled. The plugin generates {@code RobertsonGrad.rhsJacobian}, the 3 × 3 Jacobian of the
 * right-hand side with respect to {@code y}, which the implicit steps of {@link Bdf2} need.
 */
public final class Robertson {

  private Robertson() {}

  /** Rate of A → B. */
  public static final double K1 = 0.04;

  /** Rate of B + B → C + B. */
  public static final double K2 = 3e7;

  /** Rate of B + C → A + C. */
  public static final double K3 = 1e4;

  /**
   * The right-hand side y' = f(y) of the kinetics.
   *
   * @param y the concentrations (y1, y2, y3) of A, B and C
   * @param k1 rate of A → B
   * @param k2 rate of B + B → C + B
   * @param k3 rate of B + C → A + C
   * @return (−k1 y1 + k3 y2 y3, k1 y1 − k3 y2 y3 − k2 y2², k2 y2²); its components sum to 0, so
   *     y1 + y2 + y3 stays 1
   */
  @Differentiable(wrt = "y")
  public static double[] rhs(double[] y, double k1, double k2, double k3) {
    double[] dydt = new double[3];
    double slow = k1 * y[0];
    double fast = k2 * y[1] * y[1];
    double back = k3 * y[1] * y[2];
    dydt[0] = -slow + back;
    dydt[1] = slow - back - fast;
    dydt[2] = fast;
    return dydt;
  }
}

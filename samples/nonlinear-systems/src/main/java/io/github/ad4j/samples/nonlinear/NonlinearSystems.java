package io.github.ad4j.samples.nonlinear;

import java.util.Locale;

/**
 * Newton's method on two systems of equations, and Robertson's stiff kinetics integrated with
 * BDF2, every Jacobian from the generated {@code EquationsGrad} and {@code RobertsonGrad}: {@code
 * mvn -B -q -pl samples/nonlinear-systems -am package exec:java}.
 */
public final class NonlinearSystems {

  private NonlinearSystems() {}

  /** Where Newton's method starts on the circle and the parabola. */
  static final double[] CIRCLE_PARABOLA_START = {1, 1};

  /** The upper-right intersection of x² + y² = 5 and y = x² − 1. */
  static double[] circleParabolaRoot() {
    double y = (Math.sqrt(17) - 1) / 2;
    return new double[] {Math.sqrt(y + 1), y};
  }

  /** Where Newton's method starts on the three-by-three system. */
  static final double[] THREE_BY_THREE_START = {1.2, 1.8, 3.3};

  /** The root of the three-by-three system. */
  static final double[] THREE_BY_THREE_ROOT = {1, 2, 3};

  /** Solves x² + y² = 5, y = x² − 1 from {@link #CIRCLE_PARABOLA_START}. */
  static Newton.Result circleParabola() {
    return Newton.solve(
        Equations::circleParabola,
        EquationsGrad::circleParabolaJacobian,
        CIRCLE_PARABOLA_START,
        20);
  }

  /** Solves the three-by-three system from {@link #THREE_BY_THREE_START}. */
  static Newton.Result threeByThree() {
    return Newton.solve(
        Equations::threeByThree, EquationsGrad::threeByThreeJacobian, THREE_BY_THREE_START, 20);
  }

  /** Robertson's initial state: all A. */
  static final double[] ROBERTSON_START = {1, 0, 0};

  /** Steps of the sample's Robertson runs. */
  static final int ROBERTSON_STEPS = 2000;

  /** Ratio of consecutive steps of the sample's Robertson runs. */
  static final double ROBERTSON_RATIO = 1.01;

  /** Robertson's kinetics from (1, 0, 0) to {@code tEnd}, with the generated Jacobian. */
  static Bdf2.Solution robertson(double tEnd, int steps, double ratio) {
    return Bdf2.integrate(
        y -> Robertson.rhs(y, Robertson.K1, Robertson.K2, Robertson.K3),
        y -> RobertsonGrad.rhsJacobian(y, Robertson.K1, Robertson.K2, Robertson.K3),
        ROBERTSON_START,
        tEnd,
        steps,
        ratio);
  }

  private static void printNewton(String title, Newton.Result result, double[] root) {
    System.out.println(title);
    System.out.println("  step   ‖F‖∞          ‖Δ‖∞");
    System.out.printf(Locale.ROOT, "  %4d   %.3e%n", 0, result.residualNorms().get(0));
    for (int k = 1; k <= result.iterations(); k++) {
      System.out.printf(
          Locale.ROOT,
          "  %4d   %.3e     %.3e%n",
          k,
          result.residualNorms().get(k),
          result.stepNorms().get(k - 1));
    }
    StringBuilder line = new StringBuilder("  root ");
    double error = 0;
    for (int i = 0; i < root.length; i++) {
      line.append(String.format(Locale.ROOT, " %.15f", result.root()[i]));
      error = Math.max(error, Math.abs(result.root()[i] - root[i]));
    }
    System.out.println(line);
    System.out.printf(Locale.ROOT, "  error vs closed form %.1e%n%n", error);
  }

  /** Prints the Newton iterations and the Robertson solution. */
  public static void main(String[] args) {
    System.out.println(
        "ad4j nonlinear systems: Newton's method and a stiff ODE, generated Jacobians");
    System.out.println();

    double[] v = CIRCLE_PARABOLA_START;
    double[][] j = EquationsGrad.circleParabolaJacobian(v);
    System.out.printf(
        Locale.ROOT,
        "Jacobian of (x² + y² − 5, x² − 1 − y) at (1, 1): [[%s, %s], [%s, %s]]%n%n",
        j[0][0], j[0][1], j[1][0], j[1][1]);
    printNewton(
        "x² + y² = 5 and y = x² − 1 from (1, 1); root (√((1 + √17)/2), (√17 − 1)/2)",
        circleParabola(),
        circleParabolaRoot());
    printNewton(
        "x² + y² + z² = 14, xyz = 6, e^(x−1) + y = z from (1.2, 1.8, 3.3); root (1, 2, 3)",
        threeByThree(),
        THREE_BY_THREE_ROOT);

    System.out.printf(
        Locale.ROOT,
        "Robertson's kinetics, k1 = %s, k2 = %s, k3 = %s, y(0) = (1, 0, 0)%n",
        Robertson.K1, Robertson.K2, Robertson.K3);
    System.out.printf(
        Locale.ROOT,
        "BDF2, %d steps growing by a factor %s each, Newton with RobertsonGrad.rhsJacobian%n",
        ROBERTSON_STEPS, ROBERTSON_RATIO);
    System.out.println(
        "       t   y1            y2                y3            y1+y2+y3-1  first step"
            + "  last step  Newton its");
    for (double tEnd : new double[] {0.4, 4, 40, 400}) {
      Bdf2.Solution s = robertson(tEnd, ROBERTSON_STEPS, ROBERTSON_RATIO);
      double[] y = s.y();
      System.out.printf(
          Locale.ROOT,
          "  %6s   %.9f   %.9e   %.9f   %+.1e    %.1e     %.1e    %d%n",
          tEnd,
          y[0],
          y[1],
          y[2],
          y[0] + y[1] + y[2] - 1,
          s.firstStep(),
          s.lastStep(),
          s.newtonIterations());
    }
    System.out.println(
        "  published y(40) (ODEPACK, DLSODE example):    0.7158271  9.185535e-06  0.2841637");
    double[] y40 = robertson(40, ROBERTSON_STEPS, ROBERTSON_RATIO).y();
    double[][] j40 = RobertsonGrad.rhsJacobian(y40, Robertson.K1, Robertson.K2, Robertson.K3);
    System.out.println();
    System.out.println("Jacobian of the right-hand side at t = 40:");
    for (double[] row : j40) {
      System.out.printf(Locale.ROOT, "  [%12.5e  %12.5e  %12.5e]%n", row[0], row[1], row[2]);
    }
  }
}

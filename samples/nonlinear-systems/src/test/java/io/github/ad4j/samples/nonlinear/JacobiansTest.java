package io.github.ad4j.samples.nonlinear;

import static io.github.ad4j.samples.nonlinear.Robertson.K1;
import static io.github.ad4j.samples.nonlinear.Robertson.K2;
import static io.github.ad4j.samples.nonlinear.Robertson.K3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Checks every generated Jacobian of the sample against central finite differences with
 * Richardson extrapolation, against the Jacobian written by hand, and against its rows built from
 * the generated pullback (reverse mode), at several points.
 */
class JacobiansTest {

  /** Points for the two systems of equations: the starts, the roots, and a few others. */
  private static final double[][] CIRCLE_PARABOLA_POINTS = {
    {1, 1}, {1.600485180440241, 1.561552812808830}, {-0.7, 2.3}, {3.1, -0.4}, {1e-3, 5e2}
  };

  private static final double[][] THREE_BY_THREE_POINTS = {
    {1.2, 1.8, 3.3}, {1, 2, 3}, {-0.5, 0.25, 4}, {2.5, -1.5, 0.75}, {0.1, 7, -3}
  };

  /**
   * States for Robertson's kinetics: the start, states on the solution (the slow and the fast
   * species differ by five orders of magnitude) and states off it.
   */
  private static final double[][] ROBERTSON_POINTS = {
    {1, 0, 0},
    {0.9851712, 3.386380e-05, 1.479493e-02},
    {0.7158271, 9.185535e-06, 0.2841637},
    {0.5, 0.25, 0.25},
    {0.1, 1e-3, 2},
  };

  /** |a − b| ≤ tolerance · (1 + |b|), entry by entry. */
  private static void assertClose(
      double[][] expected, double[][] actual, double tolerance, String what) {
    assertEquals(expected.length, actual.length, what + ": rows");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i].length, actual[i].length, what + ": columns");
      for (int j = 0; j < expected[i].length; j++) {
        assertEquals(
            expected[i][j],
            actual[i][j],
            tolerance * (1 + Math.abs(expected[i][j])),
            what + ": entry (" + i + ", " + j + ")");
      }
    }
  }

  /** The Jacobian row by row from the generated pullback, seeded with each unit vector. */
  private static double[][] fromPullback(int outputs, PullbackRow pullback) {
    double[][] rows = new double[outputs][];
    for (int i = 0; i < outputs; i++) {
      double[] seed = new double[outputs];
      seed[i] = 1;
      rows[i] = pullback.row(seed);
    }
    return rows;
  }

  /** One row of a Jacobian: seedᵀ J. */
  private interface PullbackRow {
    double[] row(double[] seed);
  }

  @Test
  void circleParabolaJacobianMatchesFiniteDifferencesHandAndReverseMode() {
    for (double[] v : CIRCLE_PARABOLA_POINTS) {
      double[][] generated = EquationsGrad.circleParabolaJacobian(v);
      double[][] byHand = {{2 * v[0], 2 * v[1]}, {2 * v[0], -1}};
      assertClose(byHand, generated, 1e-15, "by hand at " + v[0]);
      FiniteDifferences.assertJacobian(
          Equations::circleParabola,
          v,
          1e-2,
          1,
          generated,
          1e-10,
          "finite differences at " + v[0]);
      double[][] reverse =
          fromPullback(
              2,
              seed -> {
                double[] row = new double[2];
                EquationsGrad.circleParabolaPullback(v, seed, row);
                return row;
              });
      assertClose(generated, reverse, 1e-15, "reverse mode at " + v[0]);
    }
  }

  @Test
  void threeByThreeJacobianMatchesFiniteDifferencesHandAndReverseMode() {
    for (double[] v : THREE_BY_THREE_POINTS) {
      double[][] generated = EquationsGrad.threeByThreeJacobian(v);
      double e = Math.exp(v[0] - 1);
      double[][] byHand = {
        {2 * v[0], 2 * v[1], 2 * v[2]},
        {v[1] * v[2], v[0] * v[2], v[0] * v[1]},
        {e, 1, -1}
      };
      assertClose(byHand, generated, 1e-15, "by hand at " + v[0]);
      FiniteDifferences.assertJacobian(
          Equations::threeByThree,
          v,
          1e-2,
          1,
          generated,
          1e-10,
          "finite differences at " + v[0]);
      double[][] reverse =
          fromPullback(
              3,
              seed -> {
                double[] row = new double[3];
                EquationsGrad.threeByThreePullback(v, seed, row);
                return row;
              });
      assertClose(generated, reverse, 1e-15, "reverse mode at " + v[0]);
      // threeByThreeJacobian is built row by row (@Jacobian(REVERSE)); build it column by column.
      double[][] forward = new double[3][3];
      for (int k = 0; k < 3; k++) {
        double[] tangent = new double[3];
        tangent[k] = 1;
        double[] column = EquationsGrad.threeByThreePushforward(v, tangent);
        for (int i = 0; i < 3; i++) {
          forward[i][k] = column[i];
        }
      }
      assertClose(generated, forward, 1e-15, "forward mode at " + v[0]);
    }
  }

  @Test
  void robertsonJacobianMatchesFiniteDifferencesHandAndReverseMode() {
    Function<double[], double[]> rhs = y -> Robertson.rhs(y, K1, K2, K3);
    for (double[] y : ROBERTSON_POINTS) {
      double[][] generated = RobertsonGrad.rhsJacobian(y, K1, K2, K3);
      double[][] byHand = {
        {-K1, K3 * y[2], K3 * y[1]},
        {K1, -K3 * y[2] - 2 * K2 * y[1], -K3 * y[1]},
        {0, 2 * K2 * y[1], 0}
      };
      assertClose(byHand, generated, 1e-15, "by hand at " + y[1]);
      // Steps relative to each concentration, so y2 ~ 1e-5 is not swamped by a step of y1's size.
      FiniteDifferences.assertJacobian(
          rhs,
          y,
          1e-2,
          1e-4,
          generated,
          1e-10,
          "finite differences at " + y[1]);
      double[][] reverse =
          fromPullback(
              3,
              seed -> {
                double[] row = new double[3];
                double[] value = RobertsonGrad.rhsPullback(y, K1, K2, K3, seed, row);
                assertArrayEquals(rhs.apply(y), value, 0, "the pullback returns the value");
                return row;
              });
      assertClose(generated, reverse, 1e-15, "reverse mode at " + y[1]);
    }
  }

  @Test
  void pushforwardIsTheJacobianTimesTheTangent() {
    double[] y = {0.7158271, 9.185535e-06, 0.2841637};
    double[] tangent = {0.3, -2e-6, -0.7};
    double[] jv = RobertsonGrad.rhsPushforward(y, K1, K2, K3, tangent);
    double[][] j = RobertsonGrad.rhsJacobian(y, K1, K2, K3);
    for (int i = 0; i < 3; i++) {
      double expected = 0;
      for (int k = 0; k < 3; k++) {
        expected += j[i][k] * tangent[k];
      }
      assertEquals(expected, jv[i], 1e-15 * (1 + Math.abs(expected)), "row " + i);
    }
  }
}

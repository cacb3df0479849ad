package io.github.ad4j.samples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Checks each seed example of the design brief against the generated derivatives. */
class QuickstartTest {

  /** Relative tolerance for results with a closed form: a few ulps of rounding, no more. */
  private static final double EXACT = 1e-12;

  private static void assertClose(double expected, double actual, double relative) {
    assertEquals(expected, actual, relative * Math.max(1, Math.abs(expected)));
  }

  @Test
  void partialsOfTheQuadraticAtTwoOne() {
    assertClose(7, FunctionsGrad.dfdx(2, 1), EXACT);
    assertClose(8, FunctionsGrad.dfdy(2, 1), EXACT);
  }

  @Test
  void partialsMatchTheClosedFormAwayFromTheSeedPoint() {
    double[][] points = {{-1.5, 0.25}, {0.3, -2}, {10, 3}};
    for (double[] p : points) {
      double x = p[0];
      double y = p[1];
      assertClose(2 * x + 3 * y, FunctionsGrad.dfdx(x, y), EXACT);
      assertClose(3 * x + 2 * y, FunctionsGrad.dfdy(x, y), EXACT);
    }
  }

  @Test
  void slopeOfTanhWrittenWithExponentialsAtOne() {
    assertClose(0.419974341614026, ActivationsGrad.dtanhdx(1), EXACT);
    double t = Math.tanh(1);
    assertClose(1 - t * t, ActivationsGrad.dtanhdx(1), EXACT);
  }

  @Test
  void slopeOfTheLogisticIsSigmaTimesOneMinusSigma() {
    for (int x = 0; x <= 9; x++) {
      double s = Activations.sigmoid(x);
      // 1 - s cancels up to 1e-12 of relative error at x = 9 (s = 0.99988): the reference,
      // not the derivative, limits the tolerance here.
      assertEquals(s * (1 - s), ActivationsGrad.dsigmoiddx(x), 1e-10 * s * (1 - s), "x = " + x);
    }
  }

  @Test
  void gradientOfGAtTwoThreeInOneCall() {
    FunctionsGrad.GGradient g = FunctionsGrad.gGradient(2, 3);

    assertClose(63, g.value(), EXACT);
    assertClose(9, g.dgdx1(), EXACT);
    assertClose(42, g.dgdx2(), EXACT);
    assertClose(9, FunctionsGrad.dgdx1(2, 3), EXACT);
    assertClose(42, FunctionsGrad.dgdx2(2, 3), EXACT);
  }

  @Test
  void hessianOfGAtTwoThreeIsZeroSixSixFourteen() {
    double[][] hessian = FunctionsGrad.gHessian(2, 3);

    assertClose(0, hessian[0][0], EXACT);
    assertClose(6, hessian[0][1], EXACT);
    assertClose(6, hessian[1][0], EXACT);
    assertClose(14, hessian[1][1], EXACT);
    // the Hessian-vector product in direction (1, -2): returns ∇g·v = 9 - 84, adds H v
    double[] hv1 = new double[1];
    double[] hv2 = new double[1];
    assertClose(-75, FunctionsGrad.gHessianVector(2, 3, 1, -2, hv1, hv2), EXACT);
    assertClose(-12, hv1[0], EXACT);
    assertClose(6 - 28, hv2[0], EXACT);
    // and the pushforward, the directional derivative alone
    assertClose(-75, FunctionsGrad.gPushforward(2, 3, 1, -2), EXACT);
  }

  @Test
  void summedAdjointAtFiveIsThirteen() {
    assertClose(13, FunctionsGrad.dsumdx(5), EXACT);
  }

  @Test
  void pullbackScalesBySeedAndAccumulates() {
    double[] dx = {1};

    double value = FunctionsGrad.sumPullback(5, 2.0, dx);

    assertClose(40, value, EXACT);
    assertClose(1 + 2.0 * 13, dx[0], EXACT);
  }

  @Test
  void allocationFreeFormAccumulatesThePartials() {
    double[] dfdx = {0.5};
    double[] dfdy = {-1};

    double value = FunctionsGrad.fGradient(2, 1, dfdx, dfdy);

    assertClose(Functions.f(2, 1), value, EXACT);
    assertClose(0.5 + 7, dfdx[0], EXACT);
    assertClose(-1 + 8, dfdy[0], EXACT);
  }

  @Test
  void everyFormAgreesWithThePartials() {
    double[][] points = {{2, 3}, {-0.7, 1.9}, {4.25, -0.5}};
    for (double[] p : points) {
      double x1 = p[0];
      double x2 = p[1];
      FunctionsGrad.GGradient record = FunctionsGrad.gGradient(x1, x2);
      double[] a1 = new double[1];
      double[] a2 = new double[1];
      double value = FunctionsGrad.gGradient(x1, x2, a1, a2);
      double[] b1 = new double[1];
      double[] b2 = new double[1];
      double seed = -1.75;
      double pulled = FunctionsGrad.gPullback(x1, x2, seed, b1, b2);

      double d1 = FunctionsGrad.dgdx1(x1, x2);
      double d2 = FunctionsGrad.dgdx2(x1, x2);
      assertClose(Functions.g(x1, x2), record.value(), EXACT);
      assertClose(Functions.g(x1, x2), value, EXACT);
      assertClose(Functions.g(x1, x2), pulled, EXACT);
      assertClose(d1, record.dgdx1(), EXACT);
      assertClose(d2, record.dgdx2(), EXACT);
      assertClose(d1, a1[0], EXACT);
      assertClose(d2, a2[0], EXACT);
      assertClose(seed * d1, b1[0], EXACT);
      assertClose(seed * d2, b2[0], EXACT);
    }
  }

  @Test
  void gradientDescentOnTheParabolaConvergesToMinusOneThird() {
    assertEquals(-1.0 / 3, Quickstart.descend(), 1e-9);
  }
}

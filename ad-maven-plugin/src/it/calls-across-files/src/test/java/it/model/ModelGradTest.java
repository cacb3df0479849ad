package it.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ModelGradTest {

  @Test
  void theCallersDerivativeUsesTheCalleesPullback() {
    for (double[] p : new double[][] {{0.3, 1.5}, {-0.7, 0.4}, {1.1, -2.0}}) {
      double x = p[0];
      double y = p[1];
      double e = Math.exp(-4 * x * x);
      // loss = e^2 y^2: d/dx = -16 x e^2 y^2, d/dy = 2 e^2 y
      assertEquals(-16 * x * e * e * y * y, ModelGrad.dlossdx(x, y), 1e-12);
      assertEquals(2 * e * e * y, ModelGrad.dlossdy(x, y), 1e-12);
    }
  }

  @Test
  void aCalleeThatWritesIntoTheCallersArrayIsDifferentiatedThroughIt() {
    // scaledSquares = s^2 * sum x_i^4: d/dx_i = 4 s^2 x_i^3, d/ds = 2 s sum x_i^4
    double[] x = {0.5, -1.5, 2.0};
    double s = 1.3;
    double[] dx = ModelGrad.dscaledSquaresdx(x, s);
    double quartics = 0;
    for (int i = 0; i < x.length; i++) {
      assertEquals(4 * s * s * x[i] * x[i] * x[i], dx[i], 1e-12);
      quartics += Math.pow(x[i], 4);
    }
    assertEquals(2 * s * quartics, ModelGrad.dscaledSquaresds(x, s), 1e-12);
  }
}

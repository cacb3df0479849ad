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
}

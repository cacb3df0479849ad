package it.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SquaredErrorGradTest {

  private static final double[] XS = {-1.0, 0.25, 0.8, 2.0};
  private static final double[] YS = {-0.5, 0.1, 0.6, 0.9};

  @Test
  void matchesTheClosedForm() {
    for (double[] p : new double[][] {{0.3, -0.1}, {1.2, 0.4}, {-0.7, 0.9}}) {
      double w = p[0];
      double b = p[1];
      double dw = 0;
      double db = 0;
      for (int i = 0; i < XS.length; i++) {
        double t = Math.tanh(w * XS[i] + b);
        double common = 2 * (t - YS[i]) * (1 - t * t);
        dw += common * XS[i];
        db += common;
      }
      assertEquals(dw, SquaredErrorGrad.dlossdw(w, b, XS, YS), 1e-12);
      assertEquals(db, SquaredErrorGrad.dlossdb(w, b, XS, YS), 1e-12);
    }
  }
}

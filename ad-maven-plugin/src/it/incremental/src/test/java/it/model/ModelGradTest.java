package it.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Runs in the first and the third build: against finite differences of the source as it is, so
 * it fails if the caller's derivative, or the callee's pullback it calls, were left stale.
 */
class ModelGradTest {

  private static double central(DoubleUnaryOperator f, double at) {
    double h = 1e-5;
    return (f.applyAsDouble(at + h) - f.applyAsDouble(at - h)) / (2 * h);
  }

  @Test
  void theCallersDerivativeFollowsTheCallee() {
    for (double[] p : new double[][] {{0.3, 1.5}, {-0.7, 0.4}, {1.1, -2.0}}) {
      double a = p[0];
      double b = p[1];
      assertEquals(central(t -> Model.energy(t, b), a), ModelGrad.denergyda(a, b), 1e-8);
      assertEquals(central(t -> Model.energy(a, t), b), ModelGrad.denergydb(a, b), 1e-8);
    }
  }
}

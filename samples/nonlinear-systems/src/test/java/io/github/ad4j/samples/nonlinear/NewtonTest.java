package io.github.ad4j.samples.nonlinear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Newton's method with the generated Jacobians finds the known roots to 1e-12 in a few steps, and
 * converges quadratically: once the step is small, the next is at most a modest constant times
 * its square.
 */
class NewtonTest {

  /**
   * The steps Δₖ of a Newton iteration converging quadratically: |Δₖ₊₁| ≤ C |Δₖ|² for every step
   * below 0.1 whose successor is above rounding.
   */
  private static void assertQuadratic(List<Double> steps, double c) {
    int checked = 0;
    for (int k = 0; k + 1 < steps.size(); k++) {
      double now = steps.get(k);
      double next = steps.get(k + 1);
      if (now < 0.1 && next > 1e-14) {
        assertTrue(next <= c * now * now, "step " + (k + 2) + ": " + next + " after " + now);
        checked++;
      }
    }
    assertTrue(checked >= 2, "too few steps in the quadratic regime: " + steps);
  }

  @Test
  void circleParabolaFindsTheClosedFormRootQuadratically() {
    Newton.Result result = NonlinearSystems.circleParabola();
    double[] root = NonlinearSystems.circleParabolaRoot();
    assertEquals(root[0], result.root()[0], 1e-12);
    assertEquals(root[1], result.root()[1], 1e-12);
    assertTrue(result.iterations() <= 7, "iterations: " + result.iterations());
    assertTrue(Newton.maxNorm(Equations.circleParabola(result.root())) <= 1e-14);
    // The error constant is |F''| / 2|F'| ≈ 0.3 here.
    assertQuadratic(result.stepNorms(), 1);
  }

  @Test
  void threeByThreeFindsOneTwoThreeQuadratically() {
    Newton.Result result = NonlinearSystems.threeByThree();
    for (int i = 0; i < 3; i++) {
      assertEquals(NonlinearSystems.THREE_BY_THREE_ROOT[i], result.root()[i], 1e-12);
    }
    assertTrue(result.iterations() <= 7, "iterations: " + result.iterations());
    assertTrue(Newton.maxNorm(Equations.threeByThree(result.root())) <= 1e-14);
    assertQuadratic(result.stepNorms(), 2);
  }

  @Test
  void finiteDifferenceJacobianWouldNotConvergeQuadratically() {
    // The contrast that makes the point: with a forward-difference Jacobian of step 1e-4, the
    // iteration is only linear, so it needs more steps than with the exact one.
    Newton.Result exact = NonlinearSystems.threeByThree();
    Newton.Result approximate =
        Newton.solve(
            Equations::threeByThree,
            v -> {
              double[] f = Equations.threeByThree(v);
              double[][] j = new double[3][3];
              for (int k = 0; k < 3; k++) {
                double[] w = v.clone();
                w[k] += 1e-4;
                double[] fw = Equations.threeByThree(w);
                for (int i = 0; i < 3; i++) {
                  j[i][k] = (fw[i] - f[i]) / 1e-4;
                }
              }
              return j;
            },
            NonlinearSystems.THREE_BY_THREE_START,
            50);
    assertTrue(
        approximate.iterations() > exact.iterations(),
        approximate.iterations() + " vs " + exact.iterations());
  }
}

package io.github.ad4j.samples.nonlinear;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.analysis.MultivariateMatrixFunction;
import org.hipparchus.analysis.MultivariateVectorFunction;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * Newton's method for F(v) = 0: solve J(v) Δ = −F(v) and step v ← v + Δ, with the exact
 * Jacobian J, until the step is at the level of rounding. Exact derivatives are what make the
 * convergence quadratic: the error is roughly squared at every step once it is small.
 */
public final class Newton {

  private Newton() {}

  /** A step this small relative to the iterate ends the iteration. */
  static final double STEP_TOLERANCE = 1e-13;

  /**
   * Where Newton's method stopped, and how it got there.
   *
   * @param root the last iterate
   * @param iterations how many Newton steps were taken
   * @param residualNorms ‖F‖∞ at the start and after each step
   * @param stepNorms ‖Δ‖∞ of each step
   */
  public record Result(
      double[] root, int iterations, List<Double> residualNorms, List<Double> stepNorms) {}

  /**
   * Solves F(v) = 0 from {@code start}.
   *
   * @param f the system F
   * @param jacobian its Jacobian, row i holding ∂Fᵢ/∂vⱼ
   * @param start the first iterate (not modified)
   * @param maxIterations the most steps to take
   * @return the root and the history of the iteration
   * @throws IllegalStateException if the step is still large after {@code maxIterations}
   */
  public static Result solve(
      MultivariateVectorFunction f,
      MultivariateMatrixFunction jacobian,
      double[] start,
      int maxIterations) {
    double[] v = start.clone();
    List<Double> residualNorms = new ArrayList<>();
    List<Double> stepNorms = new ArrayList<>();
    double[] fv = f.value(v);
    residualNorms.add(maxNorm(fv));
    for (int iteration = 1; iteration <= maxIterations; iteration++) {
      double[] step =
          new LUDecomposition(MatrixUtils.createRealMatrix(jacobian.value(v)))
              .getSolver()
              .solve(MatrixUtils.createRealVector(fv).mapMultiply(-1))
              .toArray();
      for (int i = 0; i < v.length; i++) {
        v[i] += step[i];
      }
      fv = f.value(v);
      residualNorms.add(maxNorm(fv));
      stepNorms.add(maxNorm(step));
      if (maxNorm(step) <= STEP_TOLERANCE * Math.max(1, maxNorm(v))) {
        return new Result(v, iteration, residualNorms, stepNorms);
      }
    }
    throw new IllegalStateException(
        "Newton's method did not converge in " + maxIterations + " steps from " + start[0]);
  }

  /** max |aᵢ|. */
  static double maxNorm(double[] a) {
    double norm = 0;
    for (double x : a) {
      norm = Math.max(norm, Math.abs(x));
    }
    return norm;
  }
}

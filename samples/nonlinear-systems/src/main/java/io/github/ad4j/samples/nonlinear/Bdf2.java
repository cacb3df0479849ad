package io.github.ad4j.samples.nonlinear;

import org.hipparchus.analysis.MultivariateMatrixFunction;
import org.hipparchus.analysis.MultivariateVectorFunction;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The two-step backward differentiation formula (BDF2) for stiff systems y' = f(y), on a
 * geometrically graded mesh: steps that start tiny, to resolve the initial transient, and grow by
 * a constant ratio. With step h = tₙ₊₁ − tₙ and ratio ω = h / (tₙ − tₙ₋₁), each step solves
 *
 * <pre>
 *   yₙ₊₁ − (1 + ω)² / (1 + 2ω) yₙ + ω² / (1 + 2ω) yₙ₋₁ = h (1 + ω) / (1 + 2ω) f(yₙ₊₁)
 * </pre>
 *
 * for yₙ₊₁ by Newton's method, whose matrix I − h (1 + ω) / (1 + 2ω) J(yₙ₊₁) needs the Jacobian J
 * of f; the first step is backward Euler. The method is L-stable for ω = 1 and zero-stable for ω
 * below 1 + √2, second-order accurate, and it keeps every linear invariant of the system (such as
 * the total mass of a reaction) up to rounding.
 */
public final class Bdf2 {

  private Bdf2() {}

  /** Newton stops when every component of its step is below this times the component's size… */
  static final double RELATIVE_TOLERANCE = 1e-12;

  /** …plus this. */
  static final double ABSOLUTE_TOLERANCE = 1e-18;

  /** Newton iterations allowed per step. */
  static final int MAX_NEWTON_ITERATIONS = 20;

  /**
   * The state at the end of the integration, and the work it took.
   *
   * @param y the state at the final time
   * @param steps time steps taken
   * @param newtonIterations Newton iterations over all steps (one Jacobian each)
   * @param firstStep the length of the first step
   * @param lastStep the length of the last step
   */
  public record Solution(
      double[] y, int steps, int newtonIterations, double firstStep, double lastStep) {}

  /**
   * The mesh 0 = t₀ < t₁ < … < t_N = tEnd whose steps grow by {@code ratio}: tₖ = tEnd (rᵏ − 1) /
   * (rᴺ − 1).
   */
  static double[] mesh(double tEnd, int steps, double ratio) {
    double[] t = new double[steps + 1];
    double denominator = Math.pow(ratio, steps) - 1;
    for (int k = 1; k < steps; k++) {
      t[k] = tEnd * (Math.pow(ratio, k) - 1) / denominator;
    }
    t[steps] = tEnd;
    return t;
  }

  /**
   * Integrates y' = f(y) from y(0) = y0 to tEnd.
   *
   * @param f the right-hand side
   * @param jacobian its Jacobian ∂fᵢ/∂yⱼ
   * @param y0 the initial state (not modified)
   * @param tEnd the final time
   * @param steps the number of steps
   * @param ratio the ratio of each step to the one before it (at least 1, below 1 + √2)
   * @return the state at tEnd
   * @throws IllegalStateException if Newton's method fails to converge on a step
   */
  public static Solution integrate(
      MultivariateVectorFunction f,
      MultivariateMatrixFunction jacobian,
      double[] y0,
      double tEnd,
      int steps,
      double ratio) {
    double[] t = mesh(tEnd, steps, ratio);
    double[] previous = y0.clone();
    double[] current = y0.clone();
    int newtonIterations = 0;
    for (int n = 0; n < steps; n++) {
      double h = t[n + 1] - t[n];
      // yₙ₊₁ − a yₙ + b yₙ₋₁ = γ h f(yₙ₊₁); backward Euler (a = 1, b = 0, γ = 1) to start.
      double a = 1;
      double b = 0;
      double gamma = 1;
      if (n > 0) {
        double omega = h / (t[n] - t[n - 1]);
        a = (1 + omega) * (1 + omega) / (1 + 2 * omega);
        b = omega * omega / (1 + 2 * omega);
        gamma = (1 + omega) / (1 + 2 * omega);
      }
      double[] history = new double[current.length];
      for (int i = 0; i < current.length; i++) {
        history[i] = a * current[i] - b * previous[i];
      }
      double[] next = current.clone();
      newtonIterations += solveStep(f, jacobian, history, gamma * h, next);
      previous = current;
      current = next;
    }
    return new Solution(current, steps, newtonIterations, t[1] - t[0], t[steps] - t[steps - 1]);
  }

  /**
   * Solves G(y) = y − c f(y) − history = 0 in place by Newton's method, from the y given.
   *
   * @return the number of iterations taken
   */
  private static int solveStep(
      MultivariateVectorFunction f,
      MultivariateMatrixFunction jacobian,
      double[] history,
      double c,
      double[] y) {
    int dimension = y.length;
    for (int iteration = 1; iteration <= MAX_NEWTON_ITERATIONS; iteration++) {
      double[] fy = f.value(y);
      double[] minusG = new double[dimension];
      for (int i = 0; i < dimension; i++) {
        minusG[i] = history[i] + c * fy[i] - y[i];
      }
      // G'(y) = I − c J(y)
      RealMatrix matrix = MatrixUtils.createRealMatrix(jacobian.value(y)).scalarMultiply(-c);
      for (int i = 0; i < dimension; i++) {
        matrix.addToEntry(i, i, 1);
      }
      double[] step =
          new LUDecomposition(matrix)
              .getSolver()
              .solve(MatrixUtils.createRealVector(minusG))
              .toArray();
      boolean small = true;
      for (int i = 0; i < dimension; i++) {
        y[i] += step[i];
        small &= Math.abs(step[i]) <= RELATIVE_TOLERANCE * Math.abs(y[i]) + ABSOLUTE_TOLERANCE;
      }
      if (small) {
        return iteration;
      }
    }
    throw new IllegalStateException(
        "Newton's method did not converge in " + MAX_NEWTON_ITERATIONS + " iterations");
  }
}

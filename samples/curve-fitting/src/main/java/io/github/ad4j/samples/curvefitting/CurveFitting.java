package io.github.ad4j.samples.curvefitting;

import java.util.Locale;
import java.util.Random;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;

/**
 * Fits a Gaussian peak on a baseline to synthetic data with Hipparchus' Levenberg-Marquardt
 * optimiser, fed the model {@link GaussianPeak#model} and its generated Jacobian {@code
 * GaussianPeakGrad.modelJacobian}: {@code mvn -B -q -pl samples/curve-fitting -am package
 * exec:java}.
 */
public final class CurveFitting {

  private CurveFitting() {}

  /** The parameters the data are generated from: height, centre, width and baseline. */
  static final double[] TRUE_PARAMETERS = {2.5, 4.2, 0.8, 0.3};

  /** Where the optimiser starts: a rough guess, as one reads it off a plot. */
  static final double[] START = {1.5, 5, 1.5, 0};

  /** Names of the parameters, for printing. */
  static final String[] NAMES = {"height", "centre", "width", "baseline"};

  /** Number of points. */
  static final int POINTS = 101;

  /** Standard deviation of the noise added to each ordinate. */
  static final double NOISE = 0.02;

  /** Seed of the noise. */
  static final long SEED = 20251123;

  /** Abscissae 0, 0.1, …, 10. */
  static double[] abscissae() {
    double[] t = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      t[i] = 0.1 * i;
    }
    return t;
  }

  /**
   * The model at the true parameters plus {@code noise} times Gaussian draws from a fixed seed
   * (deterministic: {@link Random} is specified to the bit).
   */
  static double[] ordinates(double[] t, double noise, long seed) {
    Random random = new Random(seed);
    double[] y = GaussianPeak.model(TRUE_PARAMETERS, t);
    for (int i = 0; i < y.length; i++) {
      y[i] += noise * random.nextGaussian();
    }
    return y;
  }

  /**
   * The least-squares problem: minimise Σᵢ (yᵢ − modelᵢ(p))² from {@link #START}, with the model
   * and its generated Jacobian.
   */
  static LeastSquaresProblem problem(double[] t, double[] y) {
    return new LeastSquaresBuilder()
        .model(p -> GaussianPeak.model(p, t), p -> GaussianPeakGrad.modelJacobian(p, t))
        .target(y)
        .start(START)
        .maxEvaluations(1000)
        .maxIterations(1000)
        .build();
  }

  /**
   * Levenberg-Marquardt with tolerances tight enough to reach rounding level on data without
   * noise (the defaults, 1e-10, stop a little before).
   */
  static Optimum fit(double[] t, double[] y) {
    LevenbergMarquardtOptimizer optimizer =
        new LevenbergMarquardtOptimizer()
            .withCostRelativeTolerance(1e-15)
            .withParameterRelativeTolerance(1e-15)
            .withOrthoTolerance(1e-15);
    return optimizer.optimize(problem(t, y));
  }

  /**
   * Standard errors of the fitted parameters for a known noise level: σ·√diag((JᵀJ)⁻¹), J the
   * generated Jacobian at the optimum (the linearised covariance of least squares).
   */
  static double[] standardErrors(Optimum optimum, double noise) {
    double[] sigma = optimum.getSigma(1e-14).toArray();
    for (int j = 0; j < sigma.length; j++) {
      sigma[j] *= noise;
    }
    return sigma;
  }

  /** Prints both fits. */
  public static void main(String[] args) {
    System.out.println(
        "ad4j curve fitting: a Gaussian peak on a baseline, Hipparchus Levenberg-Marquardt");
    System.out.println("model(t) = height · exp(−(t − centre)² / (2 width²)) + baseline");
    System.out.println();
    double[] t = abscissae();
    double[][] j = GaussianPeakGrad.modelJacobian(START, t);
    System.out.printf(
        Locale.ROOT,
        "%d points, t in [0, 10]; generated Jacobian %d × %d; row at t = 4 from the start: "
            + "[%.6f, %.6f, %.6f, %.6f]%n%n",
        POINTS, j.length, j[0].length, j[40][0], j[40][1], j[40][2], j[40][3]);

    Optimum exact = fit(t, ordinates(t, 0, SEED));
    System.out.printf(
        Locale.ROOT,
        "without noise: %d iterations, %d evaluations, RMS residual %.1e%n",
        exact.getIterations(), exact.getEvaluations(), exact.getRMS());
    for (int k = 0; k < 4; k++) {
      double value = exact.getPoint().getEntry(k);
      System.out.printf(
          Locale.ROOT,
          "  %-8s  %.15f   true %s   error %.1e%n",
          NAMES[k], value, TRUE_PARAMETERS[k], Math.abs(value - TRUE_PARAMETERS[k]));
    }
    System.out.println();

    Optimum noisy = fit(t, ordinates(t, NOISE, SEED));
    double[] se = standardErrors(noisy, NOISE);
    System.out.printf(
        Locale.ROOT,
        "with noise N(0, %s²), seed %d: %d iterations, %d evaluations, RMS residual %.5f%n",
        NOISE, SEED, noisy.getIterations(), noisy.getEvaluations(), noisy.getRMS());
    for (int k = 0; k < 4; k++) {
      double value = noisy.getPoint().getEntry(k);
      System.out.printf(
          Locale.ROOT,
          "  %-8s  %.6f ± %.6f   true %s   (%+.2f standard errors)%n",
          NAMES[k], value, se[k], TRUE_PARAMETERS[k], (value - TRUE_PARAMETERS[k]) / se[k]);
    }
  }
}

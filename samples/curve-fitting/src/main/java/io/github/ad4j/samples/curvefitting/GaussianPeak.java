package io.github.ad4j.samples.curvefitting;

import io.github.ad4j.Differentiable;

/**
 * A Gaussian peak on a constant baseline, the model a spectroscopist or a chromatographer fits to
 * a measured peak. The plugin generates {@code GaussianPeakGrad} beside this class, whose {@code
 * modelJacobian(p, t)} is the m × 4 matrix ∂modelᵢ/∂pⱼ a least-squares optimiser needs.
 */
public final class GaussianPeak {

  private GaussianPeak() {}

  /**
   * The model at every abscissa: modelᵢ = height · exp(−(tᵢ − centre)² / (2 width²)) + baseline.
   *
   * @param p height, centre, width (the standard deviation σ of the peak) and baseline
   * @param t the abscissae
   * @return one value per abscissa
   */
  @Differentiable(wrt = "p")
  public static double[] model(double[] p, double[] t) {
    double[] values = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      double z = (t[i] - p[1]) / p[2];
      values[i] = p[0] * Math.exp(-0.5 * z * z) + p[3];
    }
    return values;
  }
}

package io.github.ad4j.samples.logistic;

import io.github.ad4j.Differentiable;

/**
 * The training loss of logistic regression, written as plain loops. The plugin reads it and
 * generates {@code LogisticLossGrad} beside this class, with {@code dlossdw}, the gradient with
 * respect to the weights.
 */
public final class LogisticLoss {

  private LogisticLoss() {}

  /**
   * Negative log-likelihood of the labels under the model p(true | xᵢ) = σ(xᵢ · w), with the
   * logistic function written through tanh: σ(z) = ½ (tanh(z / 2) + 1).
   *
   * @param w the weights, one per feature
   * @param x the inputs, one row of features per sample
   * @param targets the label of each sample
   * @return −Σᵢ log p(targetsᵢ | xᵢ)
   */
  @Differentiable(wrt = "w")
  public static double loss(double[] w, double[][] x, boolean[] targets) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double z = 0;
      for (int j = 0; j < w.length; j++) {
        z += x[i][j] * w[j];
      }
      double p = 0.5 * (Math.tanh(z / 2) + 1);
      double labelProbability = targets[i] ? p : 1 - p;
      total -= Math.log(labelProbability);
    }
    return total;
  }
}

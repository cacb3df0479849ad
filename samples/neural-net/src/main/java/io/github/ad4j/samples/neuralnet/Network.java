package io.github.ad4j.samples.neuralnet;

import io.github.ad4j.Differentiable;

/**
 * A network with one hidden layer, Linear → ReLU → Linear, and its mean squared error, written
 * from scratch with arrays and loops. The plugin generates {@code NetworkGrad} beside this class,
 * with the gradient of the loss with respect to every weight and bias.
 */
public final class Network {

  private Network() {}

  /**
   * Mean squared error of the network ŷ(x) = w2 · relu(w1 x + b1) + b2 over a data set.
   *
   * @param w1 hidden-layer weights, one row of input weights per hidden unit
   * @param b1 hidden-layer biases, one per hidden unit
   * @param w2 output weights, one per hidden unit
   * @param b2 output bias
   * @param x the inputs, one row per sample
   * @param y the target of each sample
   * @return (1/n) Σₙ (ŷ(xₙ) − yₙ)²
   */
  @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
  public static double loss(
      double[][] w1, double[] b1, double[] w2, double b2, double[][] x, double[] y) {
    double[] h = new double[w1.length];
    double total = 0;
    for (int n = 0; n < x.length; n++) {
      for (int k = 0; k < w1.length; k++) {
        double z = b1[k];
        for (int j = 0; j < x[n].length; j++) {
          z += w1[k][j] * x[n][j];
        }
        h[k] = Math.max(0, z);
      }
      double out = b2;
      for (int k = 0; k < w2.length; k++) {
        out += w2[k] * h[k];
      }
      double error = out - y[n];
      total += error * error;
    }
    return total / x.length;
  }
}

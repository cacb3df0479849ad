package io.github.ad4j.samples.benchmarks;

import io.github.ad4j.Differentiable;

/** A two-layer perceptron with a tanh hidden layer and one linear output. */
public final class Mlp {

  private Mlp() {}

  /**
   * The mean squared error over samples {@code x} with targets {@code y} of
   * out = b2 + Σⱼ w2[j] tanh(b1[j] + Σₖ w1[j][k] x[k]).
   */
  @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
  public static double loss(double[][] w1, double[] b1, double[] w2, double b2, double[][] x,
      double[] y) {
    double total = 0;
    for (int s = 0; s < x.length; s++) {
      double out = b2;
      for (int j = 0; j < b1.length; j++) {
        double a = b1[j];
        for (int k = 0; k < x[s].length; k++) {
          a += w1[j][k] * x[s][k];
        }
        out += w2[j] * Math.tanh(a);
      }
      double error = out - y[s];
      total += error * error;
    }
    return total / x.length;
  }
}

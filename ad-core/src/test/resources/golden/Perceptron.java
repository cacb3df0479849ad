package p;

import io.github.ad4j.Differentiable;

/** A two-layer tanh network's mean squared error: 2-D weights, loops over a sample's row. */
class Perceptron {
  @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
  static double loss(double[][] w1, double[] b1, double[] w2, double b2, double[][] x,
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

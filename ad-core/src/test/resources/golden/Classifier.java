package p;

import io.github.ad4j.Differentiable;

/** A loss that calls a helper per sample, the helper taping its own loop. */
class Classifier {
  /** One sample's score: Σₖ tanh(wₖ xₖ), whose backward sweep reads the tanh values. */
  @Differentiable(wrt = "w")
  static double score(double[] w, double[] x) {
    double z = 0;
    for (int k = 0; k < x.length; k++) {
      z += Math.tanh(w[k] * x[k]);
    }
    return z;
  }

  /** The squared error of the scores over the samples. */
  @Differentiable(wrt = "w")
  static double loss(double[] w, double[][] x, double[] y) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double e = score(w, x[i]) - y[i];
      total += e * e;
    }
    return total / x.length;
  }
}

package p;

import io.github.ad4j.Differentiable;

/** The logistic function and the loss of a one-feature logistic regression on one sample. */
class Logistic {
  @Differentiable
  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Differentiable(wrt = {"w", "b"})
  static double loss(double w, double b, double x, boolean positive) {
    double p = 1 / (1 + Math.exp(-(w * x + b)));
    return positive ? -Math.log(p) : -Math.log(1 - p);
  }
}

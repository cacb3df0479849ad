package p;

import io.github.ad4j.Differentiable;

/** The Huber loss of a residual: quadratic near zero, linear beyond delta. */
class Huber {
  @Differentiable(wrt = {"prediction", "target"})
  static double loss(double prediction, double target, double delta) {
    double r = prediction - target;
    double a = Math.abs(r);
    return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
  }
}

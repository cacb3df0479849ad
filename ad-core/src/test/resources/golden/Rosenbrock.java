package p;

import io.github.ad4j.Differentiable;
import io.github.ad4j.Hessian;

/** Second derivatives: the Hessian forms of a loop over an array. */
class Rosenbrock {
  @Differentiable
  @Hessian
  static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double t = x[i + 1] - x[i] * x[i];
      s += 100 * t * t + (1 - x[i]) * (1 - x[i]);
    }
    return s;
  }
}

package p;

import io.github.ad4j.Differentiable;

/** tanh written with exponentials: the same exp(-2x) twice, computed once. */
class TanhViaExp {
  @Differentiable
  static double tanh(double x) {
    return (1 - Math.exp(-2 * x)) / (1 + Math.exp(-2 * x));
  }
}

package p;

import io.github.ad4j.Differentiable;

/** The example of DESIGN.md: f(x, y) = x² + 3xy + y², whose gradient at (2, 1) is (7, 8). */
class Polynomial {
  @Differentiable
  static double f(double x, double y) {
    return x * x + 3 * x * y + y * y;
  }
}

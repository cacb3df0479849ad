package p;

import io.github.ad4j.Differentiable;

/** DESIGN.md's example of the style: a loop whose backward sweep reads a taped value. */
class Power {
  @Differentiable
  static double power(double x, int n) {
    double t = 1;
    for (int i = 0; i < n; i++) {
      t *= x;
    }
    return t;
  }
}

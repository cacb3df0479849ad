package p;

import io.github.ad4j.Differentiable;

/** Branches on active values, an early return, and a loop with a data-dependent trip count. */
class Piecewise {
  @Differentiable
  static double settle(double x, double rate) {
    if (x < 0) {
      return -x * rate;
    }
    double t = x;
    int steps = 0;
    while (t > 0.01 && steps < 50) {
      t = t * (1 - rate) + 0.001 * Math.sin(t);
      steps++;
    }
    return t + steps * 0.0001;
  }
}

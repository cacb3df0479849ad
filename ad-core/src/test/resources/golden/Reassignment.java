package p;

import io.github.ad4j.Differentiable;

/** Variables overwritten, so the backward sweep restores the values it needs. */
class Reassignment {
  @Differentiable
  static double smooth(double x, double y) {
    double t = x * y;
    t = t * t + Math.sin(t);
    t = Math.exp(t);
    x *= y;
    return t + x;
  }
}

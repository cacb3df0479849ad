package p;

import io.github.ad4j.Differentiable;

/** A method returning double[]: residuals of an exponential decay, for least squares. */
class Residuals {
  @Differentiable(wrt = {"p"})
  static double[] residuals(double[] p, double[] t, double[] observed) {
    double[] r = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      r[i] = p[0] * Math.exp(-p[1] * t[i]) + p[2] - observed[i];
    }
    return r;
  }
}

package p;

import io.github.ad4j.Differentiable;

/** A loss summed over a data set: array parameters, nested loops, a local array. */
class Regression {
  @Differentiable(wrt = {"w", "b"})
  static double loss(double[] w, double b, double[][] x, double[] y) {
    double[] residual = new double[y.length];
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      double prediction = b;
      for (int j = 0; j < w.length; j++) {
        prediction += w[j] * x[i][j];
      }
      residual[i] = prediction - y[i];
      sum += residual[i] * residual[i];
    }
    return sum / y.length;
  }
}

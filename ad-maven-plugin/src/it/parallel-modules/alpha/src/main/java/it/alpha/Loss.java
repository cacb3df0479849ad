package it.alpha;

import io.github.ad4j.Differentiable;

public final class Loss {
  private Loss() {}

  @Differentiable(wrt = "w")
  public static double crossEntropy(double[] w, double[][] xs, boolean[] ys) {
    double loss = 0;
    for (int k = 0; k < xs.length; k++) {
      double p = Curves.logistic(Curves.dot(w, xs[k]));
      loss -= ys[k] ? Math.log(p) : Math.log(1 - p);
    }
    return loss;
  }
}

package it.fit;

import io.github.ad4j.Differentiable;

/**
 * A test-source objective calling the main-source model: generate-test writes SquaredErrorGrad
 * into target/generated-test-sources/ad, calling ModelGrad's pullback.
 */
final class SquaredError {
  private SquaredError() {}

  @Differentiable(wrt = {"w", "b"})
  static double loss(double w, double b, double[] xs, double[] ys) {
    double sum = 0;
    for (int i = 0; i < xs.length; i++) {
      double r = Model.predict(w, b, xs[i]) - ys[i];
      sum += r * r;
    }
    return sum;
  }
}

package it.fit;

import io.github.ad4j.Differentiable;

/** A main-source model: the generate goal writes ModelGrad into target/generated-sources/ad. */
public final class Model {
  private Model() {}

  @Differentiable(wrt = {"w", "b"})
  public static double predict(double w, double b, double x) {
    return Math.tanh(w * x + b);
  }
}

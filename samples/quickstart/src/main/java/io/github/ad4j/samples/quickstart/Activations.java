package io.github.ad4j.samples.quickstart;

import io.github.ad4j.Differentiable;

/**
 * Activation functions written from their textbook definitions; {@code ActivationsGrad} holds
 * their generated slopes.
 */
public final class Activations {

  private Activations() {}

  /** tanh written out with exponentials: (1 − e^(−2x)) / (1 + e^(−2x)). */
  @Differentiable
  public static double tanh(double x) {
    double e = Math.exp(-2 * x);
    return (1 - e) / (1 + e);
  }

  /** The logistic function σ(x) = 1 / (1 + e^(−x)). */
  @Differentiable
  public static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}

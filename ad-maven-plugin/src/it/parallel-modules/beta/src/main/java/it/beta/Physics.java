package it.beta;

import io.github.ad4j.Differentiable;

public final class Physics {
  private Physics() {}

  @Differentiable
  public static double pendulum(double theta, double omega, double dt, int steps) {
    double g = 9.81;
    for (int i = 0; i < steps; i++) {
      omega -= g * Math.sin(theta) * dt;
      theta += omega * dt;
    }
    return theta;
  }

  @Differentiable
  public static double spring(double x, double k) {
    if (x > 0) {
      return 0.5 * k * x * x;
    }
    return Math.hypot(x, k);
  }
}

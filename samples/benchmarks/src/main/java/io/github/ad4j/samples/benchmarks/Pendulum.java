package io.github.ad4j.samples.benchmarks;

import io.github.ad4j.Differentiable;

/** A damped pendulum θ'' = −G sin θ − c θ', integrated by the classical Runge-Kutta method. */
public final class Pendulum {

  /** g / L, in 1/s². */
  public static final double G = 9.81;
  /** The time step, in s. */
  public static final double DT = 0.01;
  /** The number of steps. */
  public static final int STEPS = 1000;

  private Pendulum() {}

  /**
   * The energy per unit mass ½ω² + G (1 − cos θ) after {@link #STEPS} RK4 steps from angle
   * {@code theta0} and angular velocity {@code omega0} with damping {@code damping}.
   */
  @Differentiable
  public static double finalEnergy(double theta0, double omega0, double damping) {
    double theta = theta0;
    double omega = omega0;
    for (int step = 0; step < STEPS; step++) {
      double k1t = omega;
      double k1w = -G * Math.sin(theta) - damping * omega;
      double t2 = theta + 0.5 * DT * k1t;
      double w2 = omega + 0.5 * DT * k1w;
      double k2t = w2;
      double k2w = -G * Math.sin(t2) - damping * w2;
      double t3 = theta + 0.5 * DT * k2t;
      double w3 = omega + 0.5 * DT * k2w;
      double k3t = w3;
      double k3w = -G * Math.sin(t3) - damping * w3;
      double t4 = theta + DT * k3t;
      double w4 = omega + DT * k3w;
      double k4t = w4;
      double k4w = -G * Math.sin(t4) - damping * w4;
      theta += DT / 6 * (k1t + 2 * k2t + 2 * k3t + k4t);
      omega += DT / 6 * (k1w + 2 * k2w + 2 * k3w + k4w);
    }
    return 0.5 * omega * omega + G * (1 - Math.cos(theta));
  }
}

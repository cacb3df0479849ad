package io.github.ad4j.samples.benchmarks;

import static io.github.ad4j.samples.benchmarks.Pendulum.DT;
import static io.github.ad4j.samples.benchmarks.Pendulum.G;
import static io.github.ad4j.samples.benchmarks.Pendulum.STEPS;

import org.hipparchus.analysis.differentiation.Gradient;

/** {@link Pendulum#finalEnergy}: 1000 RK4 steps, 3 inputs. */
final class PendulumWorkload extends Workload {

  private final double[] theta0 = {1.2};
  private final double[] omega0 = {-0.4};
  private final double[] damping = {0.3};
  private final double[][] blocks = {theta0, omega0, damping};
  /** The generated gradient's tapes, kept between calls so that timing allocates nothing. */
  private final PendulumGrad.FinalEnergyWorkspace workspace =
      new PendulumGrad.FinalEnergyWorkspace();
  /** The hand-written adjoint's record of the state before each step, allocated once. */
  private final double[] thetas = new double[STEPS];
  private final double[] omegas = new double[STEPS];

  @Override
  public String name() {
    return "pendulum";
  }

  @Override
  public double[][] parameters() {
    return blocks;
  }

  @Override
  public double primal() {
    return Pendulum.finalEnergy(theta0[0], omega0[0], damping[0]);
  }

  @Override
  public double generated(double[][] gradient) {
    return PendulumGrad.finalEnergyGradient(theta0[0], omega0[0], damping[0], gradient[0],
        gradient[1], gradient[2], workspace);
  }

  @Override
  public double generatedRecord(double[][] gradient) {
    PendulumGrad.FinalEnergyGradient g =
        PendulumGrad.finalEnergyGradient(theta0[0], omega0[0], damping[0]);
    gradient[0][0] = g.dfinalEnergydtheta0();
    gradient[1][0] = g.dfinalEnergydomega0();
    gradient[2][0] = g.dfinalEnergyddamping();
    return g.value();
  }

  /**
   * Stores the state before each step; the backward sweep recomputes that step's stages from
   * it (one step of recomputation, the usual checkpoint-per-step adjoint of an ODE solver).
   */
  @Override
  public double handWritten(double[][] gradient) {
    double c = damping[0];
    double theta = theta0[0];
    double omega = omega0[0];
    for (int step = 0; step < STEPS; step++) {
      thetas[step] = theta;
      omegas[step] = omega;
      double k1t = omega;
      double k1w = -G * Math.sin(theta) - c * omega;
      double w2 = omega + 0.5 * DT * k1w;
      double k2t = w2;
      double k2w = -G * Math.sin(theta + 0.5 * DT * k1t) - c * w2;
      double w3 = omega + 0.5 * DT * k2w;
      double k3t = w3;
      double k3w = -G * Math.sin(theta + 0.5 * DT * k2t) - c * w3;
      double w4 = omega + DT * k3w;
      double k4t = w4;
      double k4w = -G * Math.sin(theta + DT * k3t) - c * w4;
      theta += DT / 6 * (k1t + 2 * k2t + 2 * k3t + k4t);
      omega += DT / 6 * (k1w + 2 * k2w + 2 * k3w + k4w);
    }
    double energy = 0.5 * omega * omega + G * (1 - Math.cos(theta));
    double dtheta = G * Math.sin(theta);
    double domega = omega;
    double dc = 0;
    for (int step = STEPS - 1; step >= 0; step--) {
      theta = thetas[step];
      omega = omegas[step];
      double k1t = omega;
      double k1w = -G * Math.sin(theta) - c * omega;
      double t2 = theta + 0.5 * DT * k1t;
      double w2 = omega + 0.5 * DT * k1w;
      double k2t = w2;
      double k2w = -G * Math.sin(t2) - c * w2;
      double t3 = theta + 0.5 * DT * k2t;
      double w3 = omega + 0.5 * DT * k2w;
      double k3t = w3;
      double k3w = -G * Math.sin(t3) - c * w3;
      double t4 = theta + DT * k3t;
      double w4 = omega + DT * k3w;
      // theta' = theta + DT/6 (k1t + 2 k2t + 2 k3t + k4t), likewise omega'
      double dk1t = DT / 6 * dtheta;
      double dk2t = DT / 3 * dtheta;
      double dk3t = DT / 3 * dtheta;
      double dk4t = DT / 6 * dtheta;
      double dk1w = DT / 6 * domega;
      double dk2w = DT / 3 * domega;
      double dk3w = DT / 3 * domega;
      double dk4w = DT / 6 * domega;
      // k4w = -G sin(t4) - c w4, k4t = w4
      double dt4 = -G * Math.cos(t4) * dk4w;
      double dw4 = dk4t - c * dk4w;
      dc -= w4 * dk4w;
      // t4 = theta + DT k3t, w4 = omega + DT k3w
      dtheta += dt4;
      dk3t += DT * dt4;
      domega += dw4;
      dk3w += DT * dw4;
      // stage 3
      double dt3 = -G * Math.cos(t3) * dk3w;
      double dw3 = dk3t - c * dk3w;
      dc -= w3 * dk3w;
      dtheta += dt3;
      dk2t += 0.5 * DT * dt3;
      domega += dw3;
      dk2w += 0.5 * DT * dw3;
      // stage 2
      double dt2 = -G * Math.cos(t2) * dk2w;
      double dw2 = dk2t - c * dk2w;
      dc -= w2 * dk2w;
      dtheta += dt2;
      dk1t += 0.5 * DT * dt2;
      domega += dw2;
      dk1w += 0.5 * DT * dw2;
      // stage 1: k1w = -G sin(theta) - c omega, k1t = omega
      dtheta -= G * Math.cos(theta) * dk1w;
      domega += dk1t - c * dk1w;
      dc -= omega * dk1w;
    }
    gradient[0][0] = dtheta;
    gradient[1][0] = domega;
    gradient[2][0] = dc;
    return energy;
  }

  @Override
  public double hipparchus(double[][] gradient) {
    Gradient theta = Gradient.variable(3, 0, theta0[0]);
    Gradient omega = Gradient.variable(3, 1, omega0[0]);
    Gradient c = Gradient.variable(3, 2, damping[0]);
    for (int step = 0; step < STEPS; step++) {
      Gradient k1t = omega;
      Gradient k1w = theta.sin().multiply(-G).subtract(c.multiply(omega));
      Gradient t2 = theta.add(k1t.multiply(0.5 * DT));
      Gradient w2 = omega.add(k1w.multiply(0.5 * DT));
      Gradient k2t = w2;
      Gradient k2w = t2.sin().multiply(-G).subtract(c.multiply(w2));
      Gradient t3 = theta.add(k2t.multiply(0.5 * DT));
      Gradient w3 = omega.add(k2w.multiply(0.5 * DT));
      Gradient k3t = w3;
      Gradient k3w = t3.sin().multiply(-G).subtract(c.multiply(w3));
      Gradient t4 = theta.add(k3t.multiply(DT));
      Gradient w4 = omega.add(k3w.multiply(DT));
      Gradient k4t = w4;
      Gradient k4w = t4.sin().multiply(-G).subtract(c.multiply(w4));
      theta = theta.add(k1t.add(k2t.multiply(2)).add(k3t.multiply(2)).add(k4t).multiply(DT / 6));
      omega = omega.add(k1w.add(k2w.multiply(2)).add(k3w.multiply(2)).add(k4w).multiply(DT / 6));
    }
    Gradient energy = omega.multiply(omega).multiply(0.5).add(theta.cos().negate().add(1).multiply(G));
    double[] g = energy.getGradient();
    for (int i = 0; i < 3; i++) {
      gradient[i][0] = g[i];
    }
    return energy.getValue();
  }
}

package io.github.ad4j.samples.benchmarks;

import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;

/** {@link Rosenbrock#rosenbrock} at a fixed point of n inputs in [−1, 2]. */
final class RosenbrockWorkload extends Workload {

  private final double[] x;
  private final double[][] blocks;

  RosenbrockWorkload(int n) {
    Random random = new Random(n);
    x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -1 + 3 * random.nextDouble();
    }
    blocks = new double[][] {x};
  }

  @Override
  public String name() {
    return "rosenbrock" + x.length;
  }

  @Override
  public double[][] parameters() {
    return blocks;
  }

  @Override
  public double primal() {
    return Rosenbrock.rosenbrock(x);
  }

  @Override
  public double generated(double[][] gradient) {
    return RosenbrockGrad.rosenbrockGradient(x, gradient[0]);
  }

  @Override
  public double generatedRecord(double[][] gradient) {
    RosenbrockGrad.RosenbrockGradient g = RosenbrockGrad.rosenbrockGradient(x);
    System.arraycopy(g.drosenbrockdx(), 0, gradient[0], 0, x.length);
    return g.value();
  }

  /** One pass: nothing is overwritten, so the adjoint of each term is added where it is made. */
  @Override
  public double handWritten(double[][] gradient) {
    double[] g = gradient[0];
    java.util.Arrays.fill(g, 0);
    double sum = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double t = x[i + 1] - x[i] * x[i];
      double u = 1 - x[i];
      sum += 100 * t * t + u * u;
      g[i] += -400 * t * x[i] - 2 * u;
      g[i + 1] += 200 * t;
    }
    return sum;
  }

  @Override
  public double hipparchus(double[][] gradient) {
    int n = x.length;
    Gradient[] v = new Gradient[n];
    for (int i = 0; i < n; i++) {
      v[i] = Gradient.variable(n, i, x[i]);
    }
    Gradient sum = Gradient.constant(n, 0);
    for (int i = 0; i < n - 1; i++) {
      Gradient t = v[i + 1].subtract(v[i].multiply(v[i]));
      Gradient u = v[i].negate().add(1);
      sum = sum.add(t.multiply(t).multiply(100)).add(u.multiply(u));
    }
    System.arraycopy(sum.getGradient(), 0, gradient[0], 0, n);
    return sum.getValue();
  }
}

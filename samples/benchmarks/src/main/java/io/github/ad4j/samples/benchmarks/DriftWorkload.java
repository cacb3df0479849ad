package io.github.ad4j.samples.benchmarks;

import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;

/** {@link Drift#integrate}: about 10,000 trips of a data-dependent while loop. */
final class DriftWorkload extends Workload {

  private static final int STEPS = 20_000;

  private final double[] x0 = {0.4};
  private final double[] a = {0.5};
  private final double[] b = {1.2};
  private final double[][] blocks = {x0, a, b};
  /** The generated gradient's tapes, kept between calls so that timing allocates nothing. */
  private final DriftGrad.IntegrateWorkspace workspace = new DriftGrad.IntegrateWorkspace();
  private final double[] steps = new double[STEPS];
  private final double tEnd;
  /** The hand-written adjoint's record of x before each step, sized once for the data. */
  private final double[] xs = new double[STEPS];

  DriftWorkload() {
    Random random = new Random(3);
    for (int k = 0; k < STEPS; k++) {
      steps[k] = 0.0005 + 0.001 * random.nextDouble();
    }
    tEnd = 10.0;
  }

  @Override
  public String name() {
    return "whileLoop";
  }

  @Override
  public double[][] parameters() {
    return blocks;
  }

  @Override
  public double primal() {
    return Drift.integrate(x0[0], a[0], b[0], steps, tEnd);
  }

  @Override
  public double generated(double[][] g) {
    return DriftGrad.integrateGradient(x0[0], a[0], b[0], steps, tEnd, g[0], g[1], g[2],
        workspace);
  }

  @Override
  public double generatedRecord(double[][] g) {
    DriftGrad.IntegrateGradient r = DriftGrad.integrateGradient(x0[0], a[0], b[0], steps, tEnd);
    g[0][0] = r.dintegratedx0();
    g[1][0] = r.dintegrateda();
    g[2][0] = r.dintegratedb();
    return r.value();
  }

  /** Records x before each trip, then runs the trips backwards. */
  @Override
  public double handWritten(double[][] g) {
    double av = a[0];
    double bv = b[0];
    double x = x0[0];
    double t = 0;
    int k = 0;
    while (t < tEnd) {
      double h = steps[k];
      xs[k] = x;
      x += h * (av * Math.sin(x) - bv * x + 1);
      t += h;
      k++;
    }
    double value = x * x;
    double dx = 2 * x;
    double da = 0;
    double db = 0;
    while (k > 0) {
      k--;
      double h = steps[k];
      double xk = xs[k];
      double sin = Math.sin(xk);
      da += dx * h * sin;
      db -= dx * h * xk;
      dx *= 1 + h * (av * Math.cos(xk) - bv);
    }
    g[0][0] = dx;
    g[1][0] = da;
    g[2][0] = db;
    return value;
  }

  @Override
  public double hipparchus(double[][] g) {
    Gradient x = Gradient.variable(3, 0, x0[0]);
    Gradient av = Gradient.variable(3, 1, a[0]);
    Gradient bv = Gradient.variable(3, 2, b[0]);
    double t = 0;
    int k = 0;
    while (t < tEnd) {
      double h = steps[k];
      x = x.add(av.multiply(x.sin()).subtract(bv.multiply(x)).add(1).multiply(h));
      t += h;
      k++;
    }
    Gradient value = x.multiply(x);
    double[] gradient = value.getGradient();
    for (int i = 0; i < 3; i++) {
      g[i][0] = gradient[i];
    }
    return value.getValue();
  }
}

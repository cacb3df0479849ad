package io.github.ad4j.samples.benchmarks;

import java.util.Arrays;
import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;

/** {@link Logistic#loss} over 1000 samples of 10 features. */
final class LogisticWorkload extends Workload {

  private static final int SAMPLES = 1000;
  private static final int FEATURES = 10;

  private final double[] w = new double[FEATURES];
  private final double[] b = new double[1];
  private final double[][] x = new double[SAMPLES][FEATURES];
  private final double[] y = new double[SAMPLES];
  private final double[][] blocks = {w, b};
  /** The generated gradient's tapes, kept between calls so that timing allocates nothing. */
  private final LogisticGrad.LossWorkspace workspace = new LogisticGrad.LossWorkspace();

  LogisticWorkload() {
    Random random = new Random(7);
    for (int j = 0; j < FEATURES; j++) {
      w[j] = 0.3 * random.nextGaussian();
    }
    b[0] = 0.1;
    for (int i = 0; i < SAMPLES; i++) {
      for (int j = 0; j < FEATURES; j++) {
        x[i][j] = random.nextGaussian();
      }
      y[i] = random.nextBoolean() ? 1 : 0;
    }
  }

  @Override
  public String name() {
    return "logistic";
  }

  @Override
  public double[][] parameters() {
    return blocks;
  }

  @Override
  public double primal() {
    return Logistic.loss(w, b[0], x, y);
  }

  @Override
  public double generated(double[][] gradient) {
    return LogisticGrad.lossGradient(w, b[0], x, y, gradient[0], gradient[1], workspace);
  }

  @Override
  public double generatedRecord(double[][] gradient) {
    LogisticGrad.LossGradient g = LogisticGrad.lossGradient(w, b[0], x, y);
    System.arraycopy(g.dlossdw(), 0, gradient[0], 0, FEATURES);
    gradient[1][0] = g.dlossdb();
    return g.value();
  }

  /**
   * One pass: ∂/∂z of log(1 + e^z) − y z is σ(z) − y. Its loops run to the arrays' lengths, as
   * those of the method it is the adjoint of do.
   */
  @Override
  public double handWritten(double[][] gradient) {
    double[] gw = gradient[0];
    Arrays.fill(gw, 0);
    double gb = 0;
    double total = 0;
    double scale = 1.0 / x.length;
    for (int i = 0; i < x.length; i++) {
      double[] xi = x[i];
      double z = b[0];
      for (int j = 0; j < w.length; j++) {
        z += w[j] * xi[j];
      }
      double e = Math.exp(z);
      total += Math.log1p(e) - y[i] * z;
      double dz = (e / (1 + e) - y[i]) * scale;
      for (int j = 0; j < w.length; j++) {
        gw[j] += dz * xi[j];
      }
      gb += dz;
    }
    gradient[1][0] = gb;
    return total * scale;
  }

  @Override
  public double hipparchus(double[][] gradient) {
    int n = FEATURES + 1;
    Gradient[] wv = new Gradient[FEATURES];
    for (int j = 0; j < FEATURES; j++) {
      wv[j] = Gradient.variable(n, j, w[j]);
    }
    Gradient bv = Gradient.variable(n, FEATURES, b[0]);
    Gradient total = Gradient.constant(n, 0);
    for (int i = 0; i < x.length; i++) {
      Gradient z = bv;
      for (int j = 0; j < w.length; j++) {
        z = z.add(wv[j].multiply(x[i][j]));
      }
      total = total.add(z.exp().log1p().subtract(z.multiply(y[i])));
    }
    Gradient loss = total.divide(x.length);
    double[] g = loss.getGradient();
    System.arraycopy(g, 0, gradient[0], 0, FEATURES);
    gradient[1][0] = g[FEATURES];
    return loss.getValue();
  }
}

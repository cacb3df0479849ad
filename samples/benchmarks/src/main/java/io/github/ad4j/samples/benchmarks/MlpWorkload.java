package io.github.ad4j.samples.benchmarks;

import java.util.Arrays;
import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;

/** {@link Mlp#loss} of a 10-60-1 network (721 weights) over 64 samples. */
final class MlpWorkload extends Workload {

  private static final int SAMPLES = 64;
  private static final int INPUTS = 10;
  private static final int HIDDEN = 60;

  private final double[][] w1 = new double[HIDDEN][INPUTS];
  private final double[] b1 = new double[HIDDEN];
  private final double[] w2 = new double[HIDDEN];
  private final double[] b2 = new double[1];
  private final double[][] x = new double[SAMPLES][INPUTS];
  private final double[] y = new double[SAMPLES];
  private final double[][] blocks;
  /** The generated gradient's tapes, kept between calls so that timing allocates nothing. */
  private final MlpGrad.LossWorkspace workspace = new MlpGrad.LossWorkspace();
  /** The hand-written adjoint's hidden activations, allocated once. */
  private final double[] hidden = new double[HIDDEN];

  MlpWorkload() {
    Random random = new Random(11);
    for (int j = 0; j < HIDDEN; j++) {
      for (int k = 0; k < INPUTS; k++) {
        w1[j][k] = random.nextGaussian() / Math.sqrt(INPUTS);
      }
      b1[j] = 0.1 * random.nextGaussian();
      w2[j] = random.nextGaussian() / Math.sqrt(HIDDEN);
    }
    b2[0] = 0.05;
    for (int s = 0; s < SAMPLES; s++) {
      for (int k = 0; k < INPUTS; k++) {
        x[s][k] = random.nextGaussian();
      }
      y[s] = Math.sin(x[s][0]) + 0.5 * x[s][1];
    }
    blocks = new double[HIDDEN + 3][];
    System.arraycopy(w1, 0, blocks, 0, HIDDEN);
    blocks[HIDDEN] = b1;
    blocks[HIDDEN + 1] = w2;
    blocks[HIDDEN + 2] = b2;
  }

  @Override
  public String name() {
    return "mlp";
  }

  @Override
  public double[][] parameters() {
    return blocks;
  }

  @Override
  public double primal() {
    return Mlp.loss(w1, b1, w2, b2[0], x, y);
  }

  @Override
  public double generated(double[][] gradient) {
    return MlpGrad.lossGradient(w1, b1, w2, b2[0], x, y, rows(gradient), gradient[HIDDEN],
        gradient[HIDDEN + 1], gradient[HIDDEN + 2], workspace);
  }

  /** The last gradient seen, and its first HIDDEN blocks as dw1, so timing allocates nothing. */
  private double[][] rowsOf;
  private double[][] rows;

  /** The generated form takes dw1 as a double[][]: the first HIDDEN blocks are its rows. */
  private double[][] rows(double[][] gradient) {
    if (rowsOf != gradient) {
      rows = Arrays.copyOf(gradient, HIDDEN);
      rowsOf = gradient;
    }
    return rows;
  }

  @Override
  public double generatedRecord(double[][] gradient) {
    MlpGrad.LossGradient g = MlpGrad.lossGradient(w1, b1, w2, b2[0], x, y);
    for (int j = 0; j < HIDDEN; j++) {
      System.arraycopy(g.dlossdw1()[j], 0, gradient[j], 0, INPUTS);
    }
    System.arraycopy(g.dlossdb1(), 0, gradient[HIDDEN], 0, HIDDEN);
    System.arraycopy(g.dlossdw2(), 0, gradient[HIDDEN + 1], 0, HIDDEN);
    gradient[HIDDEN + 2][0] = g.dlossdb2();
    return g.value();
  }

  /**
   * Per sample: forward into a preallocated hidden layer, then back through it. Its loops run to
   * the arrays' lengths, as those of the method it is the adjoint of do (with the class's
   * constants as bounds the JIT unrolled its inner loops fully, which made it the adjoint of a
   * method specialised to 10 inputs and 60 hidden units).
   */
  @Override
  public double handWritten(double[][] gradient) {
    clear(gradient);
    double[] gb1 = gradient[HIDDEN];
    double[] gw2 = gradient[HIDDEN + 1];
    double gb2 = 0;
    double total = 0;
    double scale = 1.0 / x.length;
    for (int s = 0; s < x.length; s++) {
      double[] xs = x[s];
      double out = b2[0];
      for (int j = 0; j < b1.length; j++) {
        double[] w1j = w1[j];
        double a = b1[j];
        for (int k = 0; k < xs.length; k++) {
          a += w1j[k] * xs[k];
        }
        double h = Math.tanh(a);
        hidden[j] = h;
        out += w2[j] * h;
      }
      double error = out - y[s];
      total += error * error;
      double dout = 2 * error * scale;
      gb2 += dout;
      for (int j = 0; j < b1.length; j++) {
        double h = hidden[j];
        gw2[j] += dout * h;
        double da = dout * w2[j] * (1 - h * h);
        gb1[j] += da;
        double[] gw1j = gradient[j];
        for (int k = 0; k < xs.length; k++) {
          gw1j[k] += da * xs[k];
        }
      }
    }
    gradient[HIDDEN + 2][0] = gb2;
    return total * scale;
  }

  @Override
  public double hipparchus(double[][] gradient) {
    int n = size();
    Gradient[][] w1v = new Gradient[HIDDEN][INPUTS];
    Gradient[] b1v = new Gradient[HIDDEN];
    Gradient[] w2v = new Gradient[HIDDEN];
    int index = 0;
    for (int j = 0; j < HIDDEN; j++) {
      for (int k = 0; k < INPUTS; k++) {
        w1v[j][k] = Gradient.variable(n, index++, w1[j][k]);
      }
    }
    for (int j = 0; j < HIDDEN; j++) {
      b1v[j] = Gradient.variable(n, index++, b1[j]);
    }
    for (int j = 0; j < HIDDEN; j++) {
      w2v[j] = Gradient.variable(n, index++, w2[j]);
    }
    Gradient b2v = Gradient.variable(n, index, b2[0]);
    Gradient total = Gradient.constant(n, 0);
    for (int s = 0; s < x.length; s++) {
      Gradient out = b2v;
      for (int j = 0; j < b1.length; j++) {
        Gradient a = b1v[j];
        for (int k = 0; k < x[s].length; k++) {
          a = a.add(w1v[j][k].multiply(x[s][k]));
        }
        out = out.add(w2v[j].multiply(a.tanh()));
      }
      Gradient error = out.subtract(y[s]);
      total = total.add(error.multiply(error));
    }
    Gradient loss = total.divide(x.length);
    double[] g = loss.getGradient();
    int at = 0;
    for (double[] block : gradient) {
      System.arraycopy(g, at, block, 0, block.length);
      at += block.length;
    }
    return loss.getValue();
  }
}

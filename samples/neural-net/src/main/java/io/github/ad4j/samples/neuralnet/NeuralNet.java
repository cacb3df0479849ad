package io.github.ad4j.samples.neuralnet;

import java.util.Arrays;
import java.util.Random;

/**
 * Trains the network of {@link Network#loss} by gradient descent with the gradient the plugin
 * generated, and prints the loss as it falls: {@code mvn -B -q -pl samples/neural-net -am package
 * exec:java}.
 */
public final class NeuralNet {

  private NeuralNet() {}

  /** Number of inputs of each sample. */
  static final int INPUTS = 2;

  /** Number of hidden units. */
  static final int HIDDEN = 4;

  /** Number of samples. */
  static final int SAMPLES = 8;

  /** Step size of gradient descent. */
  static final double RATE = 0.05;

  /** Number of gradient descent steps. */
  static final int STEPS = 300;

  /** Seed of the inputs. */
  static final long DATA_SEED = 3;

  /** Seed of the initial weights. */
  static final long WEIGHT_SEED = 11;

  /** The weights and biases of the network, updated in place by training. */
  static final class Weights {
    final double[][] w1;
    final double[] b1;
    final double[] w2;
    double b2;

    Weights(double[][] w1, double[] b1, double[] w2, double b2) {
      this.w1 = w1;
      this.b1 = b1;
      this.w2 = w2;
      this.b2 = b2;
    }

    /** Weights drawn from N(0, 1/fan-in), biases from N(0, 0.1²), from a fixed seed. */
    static Weights initial(long seed) {
      Random random = new Random(seed);
      double[][] w1 = new double[HIDDEN][INPUTS];
      double[] b1 = new double[HIDDEN];
      double[] w2 = new double[HIDDEN];
      for (int k = 0; k < HIDDEN; k++) {
        for (int j = 0; j < INPUTS; j++) {
          w1[k][j] = random.nextGaussian() / Math.sqrt(INPUTS);
        }
        b1[k] = 0.1 * random.nextGaussian();
        w2[k] = random.nextGaussian() / Math.sqrt(HIDDEN);
      }
      return new Weights(w1, b1, w2, 0.1 * random.nextGaussian());
    }

    Weights copy() {
      double[][] w1Copy = new double[w1.length][];
      for (int k = 0; k < w1.length; k++) {
        w1Copy[k] = w1[k].clone();
      }
      return new Weights(w1Copy, b1.clone(), w2.clone(), b2);
    }

    double loss(double[][] x, double[] y) {
      return Network.loss(w1, b1, w2, b2, x, y);
    }
  }

  /** Inputs drawn uniformly from [−1, 1]², from a fixed seed. */
  static double[][] inputs(long seed) {
    Random random = new Random(seed);
    double[][] x = new double[SAMPLES][INPUTS];
    for (double[] row : x) {
      for (int j = 0; j < INPUTS; j++) {
        row[j] = 2 * random.nextDouble() - 1;
      }
    }
    return x;
  }

  /** The function the network learns: y = x₀² − x₁ / 2. */
  static double[] targets(double[][] x) {
    double[] y = new double[x.length];
    for (int n = 0; n < x.length; n++) {
      y[n] = x[n][0] * x[n][0] - 0.5 * x[n][1];
    }
    return y;
  }

  /** The network's prediction for one input. */
  static double predict(Weights weights, double[] input) {
    double out = weights.b2;
    for (int k = 0; k < weights.w1.length; k++) {
      double z = weights.b1[k];
      for (int j = 0; j < input.length; j++) {
        z += weights.w1[k][j] * input[j];
      }
      out += weights.w2[k] * Math.max(0, z);
    }
    return out;
  }

  /**
   * Runs {@code steps} steps of gradient descent on {@code weights}, in place, with the
   * allocation-free form of the generated gradient (one forward and one backward sweep per step
   * into reused buffers).
   *
   * @return the loss before each step, then the loss after the last: {@code steps + 1} values
   */
  static double[] train(Weights weights, double[][] x, double[] y, double rate, int steps) {
    double[][] dw1 = new double[weights.w1.length][weights.w1[0].length];
    double[] db1 = new double[weights.b1.length];
    double[] dw2 = new double[weights.w2.length];
    double[] db2 = new double[1];
    double[] history = new double[steps + 1];
    for (int step = 0; step < steps; step++) {
      for (double[] row : dw1) {
        Arrays.fill(row, 0);
      }
      Arrays.fill(db1, 0);
      Arrays.fill(dw2, 0);
      db2[0] = 0;
      history[step] =
          NetworkGrad.lossGradient(
              weights.w1, weights.b1, weights.w2, weights.b2, x, y, dw1, db1, dw2, db2);
      for (int k = 0; k < weights.w1.length; k++) {
        for (int j = 0; j < weights.w1[k].length; j++) {
          weights.w1[k][j] -= rate * dw1[k][j];
        }
        weights.b1[k] -= rate * db1[k];
        weights.w2[k] -= rate * dw2[k];
      }
      weights.b2 -= rate * db2[0];
    }
    history[steps] = weights.loss(x, y);
    return history;
  }

  /** Prints the gradient at the initial weights, the loss during training, and predictions. */
  public static void main(String[] args) {
    System.out.println("ad4j neural network: Linear(2 -> 4) -> ReLU -> Linear(4 -> 1), MSE loss");
    System.out.println();

    double[][] x = inputs(DATA_SEED);
    double[] y = targets(x);
    Weights weights = Weights.initial(WEIGHT_SEED);

    NetworkGrad.LossGradient g =
        NetworkGrad.lossGradient(weights.w1, weights.b1, weights.w2, weights.b2, x, y);
    System.out.printf("initial loss %s%n", g.value());
    System.out.printf("  dloss/dw1 = %s%n", Arrays.deepToString(g.dlossdw1()));
    System.out.printf("  dloss/db1 = %s%n", Arrays.toString(g.dlossdb1()));
    System.out.printf("  dloss/dw2 = %s%n", Arrays.toString(g.dlossdw2()));
    System.out.printf("  dloss/db2 = %s%n", g.dlossdb2());
    System.out.println();

    double[] history = train(weights, x, y, RATE, STEPS);
    System.out.printf("gradient descent, rate %s:%n", RATE);
    for (int step = 0; step <= STEPS; step += STEPS / 6) {
      System.out.printf("  step %4d   loss %.12f%n", step, history[step]);
    }
    System.out.println();

    System.out.println("  x0       x1       target     prediction");
    for (int n = 0; n < x.length; n++) {
      System.out.printf(
          "  %+.4f  %+.4f  %+.6f  %+.6f%n", x[n][0], x[n][1], y[n], predict(weights, x[n]));
    }
  }
}

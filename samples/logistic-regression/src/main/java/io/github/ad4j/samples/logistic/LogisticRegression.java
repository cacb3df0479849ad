package io.github.ad4j.samples.logistic;

import java.util.Arrays;

/**
 * Trains logistic regression by gradient descent with the gradient the plugin generated from
 * {@link LogisticLoss#loss}, and prints the loss before and after: {@code mvn -B -q -pl
 * samples/logistic-regression -am package exec:java}.
 *
 * <p>The data and settings are those of the example in the autograd README, so the printed losses
 * can be compared with it: 2.772588722239781 before training, 1.067270675787016 after.
 */
public final class LogisticRegression {

  private LogisticRegression() {}

  /** Four samples of three features each. */
  static final double[][] INPUTS = {
    {0.52, 1.12, 0.77},
    {0.88, -1.08, 0.15},
    {0.52, 0.06, -1.30},
    {0.74, -2.49, 1.39},
  };

  /** The label of each sample. */
  static final boolean[] TARGETS = {true, true, false, true};

  /** Step size of gradient descent. */
  static final double RATE = 0.01;

  /** Number of gradient descent steps. */
  static final int STEPS = 100;

  /**
   * Runs {@code steps} steps of gradient descent from zero weights, each a step of {@code rate}
   * against the generated gradient.
   *
   * @return the trained weights
   */
  static double[] train(double[][] x, boolean[] targets, double rate, int steps) {
    double[] w = new double[x[0].length];
    for (int step = 0; step < steps; step++) {
      double[] gradient = LogisticLossGrad.dlossdw(w, x, targets);
      for (int j = 0; j < w.length; j++) {
        w[j] -= rate * gradient[j];
      }
    }
    return w;
  }

  /** Prints the loss before and after training, and the trained model's predictions. */
  public static void main(String[] args) {
    System.out.println("ad4j logistic regression: gradient descent with a generated gradient");
    System.out.println();

    double[] zero = new double[INPUTS[0].length];
    System.out.printf(
        "initial loss   %s   (autograd README: 2.772588722239781)%n",
        LogisticLoss.loss(zero, INPUTS, TARGETS));
    double[] initialGradient = LogisticLossGrad.dlossdw(zero, INPUTS, TARGETS);
    System.out.printf("initial dloss/dw = %s%n", Arrays.toString(initialGradient));
    System.out.println();

    double[] w = train(INPUTS, TARGETS, RATE, STEPS);
    System.out.printf("after %d steps of rate %s:%n", STEPS, RATE);
    System.out.printf(
        "trained loss   %s   (autograd README: 1.067270675787016)%n",
        LogisticLoss.loss(w, INPUTS, TARGETS));
    System.out.printf("weights        %s%n", Arrays.toString(w));

    // Value and gradient from one forward and one backward sweep.
    LogisticLossGrad.LossGradient g = LogisticLossGrad.lossGradient(w, INPUTS, TARGETS);
    System.out.printf(
        "value %s, gradient %s at the trained weights%n", g.value(), Arrays.toString(g.dlossdw()));
    System.out.println();

    System.out.println("sample   label   p(true)");
    for (int i = 0; i < INPUTS.length; i++) {
      double z = 0;
      for (int j = 0; j < w.length; j++) {
        z += INPUTS[i][j] * w[j];
      }
      System.out.printf("%6d   %-5s   %.6f%n", i, TARGETS[i], 0.5 * (Math.tanh(z / 2) + 1));
    }
  }
}

package io.github.ad4j.samples.logistic;

import static io.github.ad4j.samples.logistic.LogisticRegression.INPUTS;
import static io.github.ad4j.samples.logistic.LogisticRegression.RATE;
import static io.github.ad4j.samples.logistic.LogisticRegression.STEPS;
import static io.github.ad4j.samples.logistic.LogisticRegression.TARGETS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks the generated gradient of {@link LogisticLoss#loss} against the textbook gradient of
 * logistic regression, written by hand below, and the training run against the autograd README.
 */
class LogisticRegressionTest {

  /**
   * The gradient of the negative log-likelihood, by hand: ∂/∂wⱼ = −Σᵢ (tᵢ − pᵢ) xᵢⱼ with pᵢ =
   * 1 / (1 + e^(−xᵢ·w)), the same σ as the tanh form but computed another way.
   */
  static double[] handWrittenGradient(double[] w, double[][] x, boolean[] targets) {
    double[] gradient = new double[w.length];
    for (int i = 0; i < x.length; i++) {
      double z = 0;
      for (int j = 0; j < w.length; j++) {
        z += x[i][j] * w[j];
      }
      double p = 1 / (1 + Math.exp(-z));
      double t = targets[i] ? 1 : 0;
      for (int j = 0; j < w.length; j++) {
        gradient[j] -= (t - p) * x[i][j];
      }
    }
    return gradient;
  }

  /**
   * Asserts two gradients agree componentwise, relative to Σᵢ |xᵢⱼ|: the size of the terms each
   * component sums, so cancellation in the sum does not make the check fail or pass by luck.
   */
  private static void assertGradientsAgree(
      double[] expected, double[] actual, double[][] x, String where) {
    assertEquals(expected.length, actual.length, where + ": length");
    for (int j = 0; j < expected.length; j++) {
      double scale = 0;
      for (double[] row : x) {
        scale += Math.abs(row[j]);
      }
      assertEquals(expected[j], actual[j], 1e-13 * scale, where + ", component " + j);
    }
  }

  @Test
  void initialLossIsFourLogTwo() {
    // Every p is ½ at zero weights, so each of the four samples contributes log 2.
    double loss = LogisticLoss.loss(new double[3], INPUTS, TARGETS);

    assertEquals(4 * Math.log(2), loss, 1e-15);
    assertEquals(2.772588722239781, loss, 1e-15);
  }

  @Test
  void gradientAtZeroIsMinusHalfTheSignedInputSum() {
    // At w = 0 every p is ½: ∂/∂wⱼ = −Σᵢ (tᵢ − ½) xᵢⱼ.
    double[] expected = new double[3];
    for (int i = 0; i < INPUTS.length; i++) {
      for (int j = 0; j < 3; j++) {
        expected[j] -= (TARGETS[i] ? 0.5 : -0.5) * INPUTS[i][j];
      }
    }

    double[] gradient = LogisticLossGrad.dlossdw(new double[3], INPUTS, TARGETS);

    assertGradientsAgree(expected, gradient, INPUTS, "w = 0");
  }

  @Test
  void gradientMatchesTheHandWrittenGradientAtRandomWeights() {
    Random random = new Random(20240601);
    for (int trial = 0; trial < 20; trial++) {
      double[] w = new double[3];
      for (int j = 0; j < 3; j++) {
        w[j] = random.nextGaussian();
      }

      assertGradientsAgree(
          handWrittenGradient(w, INPUTS, TARGETS),
          LogisticLossGrad.dlossdw(w, INPUTS, TARGETS),
          INPUTS,
          "trial " + trial);
    }
  }

  @Test
  void gradientMatchesOnLargerRandomData() {
    // Sizes come from the arrays, not from the seed example: 50 samples of 5 features.
    Random random = new Random(7);
    double[][] x = new double[50][5];
    boolean[] targets = new boolean[50];
    for (int i = 0; i < 50; i++) {
      for (int j = 0; j < 5; j++) {
        x[i][j] = random.nextGaussian();
      }
      targets[i] = random.nextBoolean();
    }
    double[] w = {0.3, -1.2, 0.8, 0.05, -0.4};

    assertGradientsAgree(
        handWrittenGradient(w, x, targets), LogisticLossGrad.dlossdw(w, x, targets), x, "50 x 5");
  }

  @Test
  void trainingWithTheGeneratedGradientFollowsTheHandWrittenOne() {
    double[] trained = LogisticRegression.train(INPUTS, TARGETS, RATE, STEPS);

    double[] reference = new double[3];
    for (int step = 0; step < STEPS; step++) {
      double[] gradient = handWrittenGradient(reference, INPUTS, TARGETS);
      for (int j = 0; j < 3; j++) {
        reference[j] -= RATE * gradient[j];
      }
    }
    for (int j = 0; j < 3; j++) {
      assertEquals(reference[j], trained[j], 1e-12, "weight " + j);
    }
    assertEquals(
        LogisticLoss.loss(reference, INPUTS, TARGETS),
        LogisticLoss.loss(trained, INPUTS, TARGETS),
        1e-12);
  }

  @Test
  void trainedLossIsTheAutogradReadmeValue() {
    double[] trained = LogisticRegression.train(INPUTS, TARGETS, RATE, STEPS);

    // "Trained loss: 1.067270675787016" in the autograd README, the design brief's seed row.
    assertEquals(1.067270675787016, LogisticLoss.loss(trained, INPUTS, TARGETS), 1e-12);
  }

  @Test
  void everyFormGivesTheSameValueAndGradient() {
    double[] w = {0.48, -0.37, 1.07};
    double value = LogisticLoss.loss(w, INPUTS, TARGETS);
    double[] gradient = LogisticLossGrad.dlossdw(w, INPUTS, TARGETS);

    LogisticLossGrad.LossGradient record = LogisticLossGrad.lossGradient(w, INPUTS, TARGETS);
    assertEquals(value, record.value(), 0, "the forward sweep is the user's code as written");
    assertGradientsAgree(gradient, record.dlossdw(), INPUTS, "record");

    double[] accumulated = {1, 2, 3};
    double accumulatedValue = LogisticLossGrad.lossGradient(w, INPUTS, TARGETS, accumulated);
    assertEquals(value, accumulatedValue, 0);
    assertGradientsAgree(
        new double[] {1 + gradient[0], 2 + gradient[1], 3 + gradient[2]},
        accumulated,
        INPUTS,
        "accumulated into {1, 2, 3}");

    double seed = -2.5;
    double[] pulled = new double[3];
    double pulledValue = LogisticLossGrad.lossPullback(w, INPUTS, TARGETS, seed, pulled);
    assertEquals(value, pulledValue, 0);
    assertGradientsAgree(
        new double[] {seed * gradient[0], seed * gradient[1], seed * gradient[2]},
        pulled,
        INPUTS,
        "pullback with seed -2.5");
  }

  @Test
  void inputsAreNotModified() {
    double[] w = {0.1, 0.2, 0.3};
    double[][] x = {INPUTS[0].clone(), INPUTS[1].clone(), INPUTS[2].clone(), INPUTS[3].clone()};

    LogisticLossGrad.lossGradient(w, x, TARGETS);

    assertEquals(0.1, w[0]);
    assertEquals(0.2, w[1]);
    assertEquals(0.3, w[2]);
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(INPUTS[i][j], x[i][j]);
      }
    }
  }
}

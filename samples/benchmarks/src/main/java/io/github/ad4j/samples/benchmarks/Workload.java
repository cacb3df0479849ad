package io.github.ad4j.samples.benchmarks;

import java.util.Arrays;

/**
 * One benchmarked function with fixed data, and its gradient computed five ways: the generated
 * allocation-free form (and the record form), a hand-written reverse-mode adjoint, Hipparchus'
 * forward-mode {@code Gradient}, and central finite differences.
 *
 * <p>The parameters differentiated are held as blocks of {@code double[]} (a {@code double[][]}
 * parameter contributes its rows, a scalar a one-element array); a gradient has the same shape.
 * Finite differences perturb the blocks in place. Not thread-safe: each holds its buffers.
 */
public abstract class Workload {

  /** The relative step of central differences, about the cube root of the machine epsilon. */
  private static final double STEP = 6e-6;

  /** The workload's name in the benchmark's parameter and the report. */
  public abstract String name();

  /** The parameters differentiated, as blocks perturbed in place by finite differences. */
  public abstract double[][] parameters();

  /** The function itself at the current parameters. */
  public abstract double primal();

  /**
   * The generated allocation-free value-and-gradient form: returns the value and adds the
   * gradient to {@code gradient}. Where the method has a workspace class, the workload passes
   * one it created once, as a caller that wants zero allocation does.
   */
  public abstract double generated(double[][] gradient);

  /** The generated form that returns a record of the value and partials; copies the partials. */
  public abstract double generatedRecord(double[][] gradient);

  /** The hand-written adjoint: returns the value and overwrites {@code gradient}. */
  public abstract double handWritten(double[][] gradient);

  /** Hipparchus' forward-mode {@code Gradient}: returns the value and overwrites the gradient. */
  public abstract double hipparchus(double[][] gradient);

  /**
   * Central finite differences of {@link #primal()}, step {@code 6e-6 · max(1, |p|)}: returns
   * the value and overwrites {@code gradient}; 2n + 1 calls of the primal.
   */
  public final double finiteDifferences(double[][] gradient) {
    double value = primal();
    double[][] blocks = parameters();
    for (int b = 0; b < blocks.length; b++) {
      double[] block = blocks[b];
      for (int k = 0; k < block.length; k++) {
        double saved = block[k];
        double h = STEP * Math.max(1, Math.abs(saved));
        block[k] = saved + h;
        double up = primal();
        block[k] = saved - h;
        double down = primal();
        block[k] = saved;
        gradient[b][k] = (up - down) / (2 * h);
      }
    }
    return value;
  }

  /** A zero gradient of the shape of {@link #parameters()}. */
  public final double[][] newGradient() {
    double[][] blocks = parameters();
    double[][] gradient = new double[blocks.length][];
    for (int b = 0; b < blocks.length; b++) {
      gradient[b] = new double[blocks[b].length];
    }
    return gradient;
  }

  /** The number of parameters differentiated. */
  public final int size() {
    int n = 0;
    for (double[] block : parameters()) {
      n += block.length;
    }
    return n;
  }

  /** Sets every element of {@code gradient} to zero (the generated forms accumulate). */
  public static void clear(double[][] gradient) {
    for (double[] block : gradient) {
      Arrays.fill(block, 0);
    }
  }

  /** The workload of the given {@link #name()}. */
  public static Workload named(String name) {
    switch (name) {
      case "rosenbrock10":
        return new RosenbrockWorkload(10);
      case "rosenbrock100":
        return new RosenbrockWorkload(100);
      case "rosenbrock1000":
        return new RosenbrockWorkload(1000);
      case "logistic":
        return new LogisticWorkload();
      case "mlp":
        return new MlpWorkload();
      case "pendulum":
        return new PendulumWorkload();
      case "blackScholes":
        return new OptionWorkload();
      case "whileLoop":
        return new DriftWorkload();
      default:
        throw new IllegalArgumentException("no workload " + name);
    }
  }

  /** Every workload's name, in the report's order. */
  public static final String[] NAMES = {
    "rosenbrock10", "rosenbrock100", "rosenbrock1000", "logistic", "mlp", "pendulum",
    "blackScholes", "whileLoop"
  };
}

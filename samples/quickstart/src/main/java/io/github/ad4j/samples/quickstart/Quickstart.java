package io.github.ad4j.samples.quickstart;

/**
 * Prints the seed examples of the design brief, each computed with the derivatives the plugin
 * generated: {@code mvn -B -q -pl samples/quickstart -am package exec:java}.
 */
public final class Quickstart {

  private Quickstart() {}

  /** Step size of the gradient descent example. */
  static final double RATE = 0.1;

  /** Number of gradient descent steps. */
  static final int STEPS = 100;

  /**
   * Minimises {@link Functions#parabola} by gradient descent from 0, with the generated
   * derivative.
   */
  static double descend() {
    double x = 0;
    for (int step = 0; step < STEPS; step++) {
      x -= RATE * FunctionsGrad.dparaboladx(x);
    }
    return x;
  }

  /** Prints each example next to the value it should have. */
  public static void main(String[] args) {
    System.out.println("ad4j quickstart: derivatives generated from ordinary Java methods");
    System.out.println();

    System.out.println("f(x, y) = x*x + 3*x*y + y*y at (2, 1)");
    System.out.printf("  df/dx = %s   (expected 7)%n", FunctionsGrad.dfdx(2, 1));
    System.out.printf("  df/dy = %s   (expected 8)%n", FunctionsGrad.dfdy(2, 1));
    System.out.println();

    System.out.println("tanh(x) = (1 - exp(-2x)) / (1 + exp(-2x)), slope at x = 1");
    System.out.printf(
        "  dtanh/dx = %s   (expected 0.419974341614026)%n", ActivationsGrad.dtanhdx(1));
    System.out.println();

    System.out.println("logistic s(x) = 1 / (1 + exp(-x)): slope against s(x)(1 - s(x))");
    for (int x = 0; x <= 9; x++) {
      double s = Activations.sigmoid(x);
      double slope = ActivationsGrad.dsigmoiddx(x);
      System.out.printf("  x = %d   ds/dx = %.15e   s(1-s) = %.15e%n", x, slope, s * (1 - s));
    }
    System.out.println("  (the last digits differ where 1 - s(x) cancels, in the reference)");
    System.out.println();

    System.out.println("g(x1, x2) = (x1 + 5) * x2^2 at (2, 3), value and gradient in one call");
    FunctionsGrad.GGradient g = FunctionsGrad.gGradient(2, 3);
    System.out.printf(
        "  g = %s, gradient = (%s, %s)   (expected 63, (9, 42))%n",
        g.value(), g.dgdx1(), g.dgdx2());
    double[][] hessian = FunctionsGrad.gHessian(2, 3);
    System.out.printf(
        "  Hessian = [[%s, %s], [%s, %s]]   (expected [[0, 6], [6, 14]])%n",
        hessian[0][0], hessian[0][1], hessian[1][0], hessian[1][1]);
    System.out.println();

    System.out.println("z1 = 3x, z2 = x*x, return z1 + z2: summed adjoint at x = 5");
    System.out.printf("  dsum/dx = %s   (expected 13)%n", FunctionsGrad.dsumdx(5));
    double[] adjoint = new double[1];
    double value = FunctionsGrad.sumPullback(5, 2.0, adjoint);
    System.out.printf(
        "  pullback with seed 2: value %s, adjoint of x %s   (expected 40, 26)%n",
        value, adjoint[0]);
    System.out.println();

    System.out.printf(
        "gradient descent on 3x^2 + 2x - 1 from 0, rate %s, %d steps%n", RATE, STEPS);
    System.out.printf("  x = %s   (expected -1/3 = %s)%n", descend(), -1.0 / 3);
  }
}

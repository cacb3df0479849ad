package io.github.ad4j.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

/**
 * Checks every generated form of one method against central finite differences of the original
 * and against each other, at the given points.
 *
 * <p>For each point: each partial {@code d<f>d<p>} matches the finite-difference derivative of
 * the original method; the record form has the original's value and the same partials; the
 * accumulating form adds them to what the caller's arrays held; the pullback adds seed times
 * them.
 */
public final class GradientCheck {

  /** Relative tolerance against finite differences: their own error is about 1e-10. */
  public static final double FD_TOLERANCE = 1e-7;

  private GradientCheck() {}

  /**
   * @param d the compiled class
   * @param method the method's name
   * @param wrt the names of the parameters differentiated with respect to
   * @param wrtIndex their positions in the parameter list
   * @param points argument lists to check at (boxed: Double for double parameters, Integer ...)
   */
  public static void verify(
      Differentiated d, String method, String[] wrt, int[] wrtIndex, List<Object[]> points) {
    for (Object[] point : points) {
      double value = ((Number) d.original(method, point)).doubleValue();
      double[] partials = new double[wrt.length];
      for (int k = 0; k < wrt.length; k++) {
        String name = "d" + method + "d" + wrt[k];
        double generated = ((Number) d.generated(name, point)).doubleValue();
        int index = wrtIndex[k];
        double expected =
            FiniteDifferences.derivative(
                t -> {
                  Object[] moved = point.clone();
                  moved[index] = point[index] instanceof Float ? (Object) (float) t : (Object) t;
                  return ((Number) d.original(method, moved)).doubleValue();
                },
                ((Number) point[index]).doubleValue());
        double tolerance = FD_TOLERANCE * Math.max(1, Math.max(Math.abs(expected), Math.abs(value)));
        assertThat(generated)
            .as("%s at %s", name, java.util.Arrays.toString(point))
            .isCloseTo(expected, within(tolerance));
        partials[k] = generated;
      }

      Object record = d.generated(method + "Gradient", point);
      assertThat(((Number) Differentiated.component(record, "value")).doubleValue())
          .as("value of %sGradient at %s", method, java.util.Arrays.toString(point))
          .isEqualTo(value);
      for (int k = 0; k < wrt.length; k++) {
        String name = "d" + method + "d" + wrt[k];
        assertThat(((Number) Differentiated.component(record, name)).doubleValue())
            .as("%s of %sGradient", name, method)
            .isCloseTo(partials[k], within(1e-12 * Math.max(1, Math.abs(partials[k]))));
      }

      Object[] accumulating = extend(point, null, wrt.length);
      double[][] cells = new double[wrt.length][];
      for (int k = 0; k < wrt.length; k++) {
        cells[k] = new double[] {0.25};
        accumulating[point.length + k] = cells[k];
      }
      double returned = ((Number) d.generated(method + "Gradient", accumulating)).doubleValue();
      assertThat(returned).as("value of accumulating %sGradient", method).isEqualTo(value);
      for (int k = 0; k < wrt.length; k++) {
        assertThat(cells[k][0])
            .as("accumulated d%sd%s", method, wrt[k])
            .isCloseTo(0.25 + partials[k], within(1e-12 * Math.max(1, Math.abs(partials[k]))));
      }

      double seed = -1.75;
      Object[] pullback = extend(point, seed, wrt.length);
      for (int k = 0; k < wrt.length; k++) {
        cells[k] = new double[] {0.5};
        pullback[point.length + 1 + k] = cells[k];
      }
      returned = ((Number) d.generated(method + "Pullback", pullback)).doubleValue();
      assertThat(returned).as("value of %sPullback", method).isEqualTo(value);
      for (int k = 0; k < wrt.length; k++) {
        assertThat(cells[k][0])
            .as("pulled back d%sd%s", method, wrt[k])
            .isCloseTo(
                0.5 + seed * partials[k], within(1e-12 * Math.max(1, Math.abs(partials[k]))));
      }
    }
  }

  private static Object[] extend(Object[] point, Double seed, int accumulators) {
    Object[] args = new Object[point.length + (seed == null ? 0 : 1) + accumulators];
    System.arraycopy(point, 0, args, 0, point.length);
    if (seed != null) {
      args[point.length] = seed;
    }
    return args;
  }
}

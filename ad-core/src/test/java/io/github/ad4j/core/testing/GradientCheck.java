package io.github.ad4j.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks every generated form of one method against central finite differences of the original
 * and against each other, at the given points.
 *
 * <p>Differentiable arguments may be scalars ({@code Double}, {@code Float}) or arrays ({@code
 * double[]}, {@code float[]}, {@code double[][]}); other arguments ({@code Integer}, {@code int[]},
 * ...) are passed through. For each point:
 *
 * <ul>
 *   <li>each partial {@code d<f>d<p>} has the type and shape of {@code p}, and each of its numbers
 *       matches the finite-difference derivative of the original with respect to that number of
 *       {@code p} <em>on entry</em> (one cell perturbed at a time);
 *   <li>the record form {@code <f>Gradient(args)} has the original's value, bit for bit, and the
 *       same partials;
 *   <li>the accumulating form {@code <f>Gradient(args, accumulators)} returns the value and adds
 *       each partial to the caller's arrays (element 0 for a scalar, elementwise for an array,
 *       pre-filled with distinct known numbers, so overwriting or clearing is caught);
 *   <li>the pullback {@code <f>Pullback(args, seed, accumulators)} adds seed times them;
 *   <li>where the method has a workspace class, the pullback and the accumulating form that
 *       take one do the same, with one workspace for all points, called twice per point so
 *       that the second call reuses what the first left in it, then once more per point, back
 *       through the points, so that each follows a call at another point (another size);
 *   <li>the three forms that return the value leave the argument arrays as the original leaves
 *       them: a method may write into its array parameters, and its caller sees the writes.
 * </ul>
 *
 * <p>Every call, of the original and of a generated method, gets its own deep copy of the point,
 * so writes into argument arrays never leak from one call into the next.
 */
public final class GradientCheck {

  /** Relative tolerance against finite differences: their own error is about 1e-10. */
  public static final double FD_TOLERANCE = 1e-7;

  /**
   * Relative tolerance against finite differences for {@code float} cells: the original is
   * evaluated in float, whose rounding (6e-8 relative) divided by the step dominates the error.
   */
  public static final double FLOAT_FD_TOLERANCE = 1e-3;

  /** Forms of one derivative agree to rounding: they run the same sweeps. */
  private static final double AGREEMENT = 1e-12;

  private static final double FLOAT_AGREEMENT = 1e-6;

  /**
   * Forward and reverse mode agree to rounding, but sum the same products in another order: the
   * bound is relative to the sum of their magnitudes.
   */
  private static final double FORWARD_AGREEMENT = 1e-11;

  private static final double SEED = -1.75;

  private GradientCheck() {}

  /**
   * @param d the compiled class
   * @param method the method's name
   * @param wrt the names of the parameters differentiated with respect to, in the order the
   *     generated accumulating forms take their accumulators (the order of the parameters)
   * @param wrtIndex their positions in the parameter list
   * @param points argument lists to check at (boxed: Double for double parameters, Integer for
   *     int, double[] for double[], ...); never modified
   */
  public static void verify(
      Differentiated d, String method, String[] wrt, int[] wrtIndex, List<Object[]> points) {
    // one workspace for every point, as a caller keeps one: each call reuses what the last left
    Object workspace = d.newWorkspace(method);
    List<Expected> expected = new ArrayList<>();
    for (Object[] point : points) {
      expected.add(verifyAt(d, method, wrt, wrtIndex, point, workspace));
    }
    if (workspace != null) {
      // and back through the points, so that each point's calls also follow another's, whose
      // tapes and arrays, of other sizes, the workspace still holds
      for (int p = expected.size() - 1; p >= 0; p--) {
        checkWorkspace(d, expected.get(p), workspace, "after another point");
        assertWritesSeen(expected.get(p));
      }
    }
  }

  /** What {@code verifyAt} expected of every form at one point: returned for more calls. */
  private static Expected verifyAt(
      Differentiated d, String method, String[] wrt, int[] wrtIndex, Object[] point,
      Object workspace) {
    String at = Arguments.describe(point);
    Object[] afterOriginal = Arguments.copy(point);
    double value = number(d.original(method, afterOriginal));

    Object[] partials = new Object[wrt.length];
    for (int k = 0; k < wrt.length; k++) {
      String name = partialName(method, wrt[k]);
      int index = wrtIndex[k];
      Object partial = d.generated(name, Arguments.copy(point));
      assertThat(Arguments.shape(partial))
          .as("type and shape of %s at %s", name, at)
          .isEqualTo(Arguments.shape(point[index]));
      boolean isFloat = Arguments.isFloat(point[index]);
      List<int[]> cells = Arguments.cells(point[index]);
      double[] flat = Arguments.flatten(partial);
      for (int c = 0; c < cells.size(); c++) {
        int[] cell = cells.get(c);
        double expected =
            FiniteDifferences.derivative(
                t -> number(d.original(method, Arguments.moved(point, index, cell, t))),
                Arguments.get(point[index], cell));
        double tolerance =
            (isFloat ? FLOAT_FD_TOLERANCE : FD_TOLERANCE)
                * Math.max(1, Math.max(Math.abs(expected), Math.abs(value)));
        assertThat(flat[c])
            .as("%s%s at %s (finite differences: %s)", name, Arguments.path(cell), at, expected)
            .isCloseTo(expected, within(tolerance));
      }
      partials[k] = partial;
    }

    Object[] args = Arguments.copy(point);
    Object record = d.generated(method + "Gradient", args);
    assertThat(number(Differentiated.component(record, "value")))
        .as("value of %sGradient at %s", method, at)
        .isEqualTo(value);
    List<String> writes = new ArrayList<>();
    sameWrites(afterOriginal, args, method + "Gradient", writes);
    for (int k = 0; k < wrt.length; k++) {
      String name = partialName(method, wrt[k]);
      Object component = Differentiated.component(record, name);
      assertThat(Arguments.shape(component))
          .as("type and shape of %s of %sGradient at %s", name, method, at)
          .isEqualTo(Arguments.shape(partials[k]));
      assertAgree(
          Arguments.flatten(component),
          new double[Arguments.flatten(partials[k]).length],
          1,
          partials[k],
          name + " of " + method + "Gradient at " + at);
    }

    Expected expect =
        new Expected(method, wrt, wrtIndex, point, at, value, afterOriginal, writes, partials);
    checkAccumulating(d, expect, method + "Gradient", "accumulating " + method + "Gradient",
        accumulatingArguments(point, null, wrtIndex, 0.25), 0, 0.25, 1);
    checkAccumulating(d, expect, method + "Pullback", method + "Pullback",
        accumulatingArguments(point, SEED, wrtIndex, 0.5), 1, 0.5, SEED);
    if (workspace != null) {
      // twice: the second call runs on the tapes and arrays the first left in the workspace
      checkWorkspace(d, expect, workspace, "call 1");
      checkWorkspace(d, expect, workspace, "call 2");
    }
    args = pushforwardArguments(point, wrtIndex);
    Object[] directions = Arguments.copy(Arrays.copyOfRange(args, point.length, args.length));
    double tangent = number(d.generated(method + "Pushforward", args));
    sameWrites(afterOriginal, args, method + "Pushforward", writes);
    assertThat(Arguments.same(directions, Arrays.copyOfRange(args, point.length, args.length)))
        .as("%sPushforward leaves the caller's tangents as they were", method)
        .isTrue();
    double expected = 0;
    double scale = 0;
    boolean anyFloat = false;
    for (int k = 0; k < wrt.length; k++) {
      double[] p = Arguments.flatten(partials[k]);
      double[] direction = Arguments.flatten(directions[k]);
      for (int c = 0; c < p.length; c++) {
        expected += p[c] * direction[c];
        scale += Math.abs(p[c] * direction[c]);
      }
      anyFloat |= Arguments.isFloat(partials[k]);
    }
    assertThat(tangent)
        .as("%sPushforward at %s against the partials of the reverse forms", method, at)
        .isCloseTo(
            expected,
            within((anyFloat ? FLOAT_AGREEMENT : FORWARD_AGREEMENT) * Math.max(1, scale)));
    assertWritesSeen(expect);
    return expect;
  }

  /** The pullback and accumulating form that take {@code workspace}, at {@code expect}'s point. */
  private static void checkWorkspace(
      Differentiated d, Expected expect, Object workspace, String call) {
    String method = expect.method();
    checkAccumulating(d, expect, method + "Pullback",
        method + "Pullback with a workspace, " + call,
        withLast(accumulatingArguments(expect.point(), SEED, expect.wrtIndex(), 0.5), workspace),
        1, 0.5, SEED);
    checkAccumulating(d, expect, method + "Gradient",
        "accumulating " + method + "Gradient with a workspace, " + call,
        withLast(accumulatingArguments(expect.point(), null, expect.wrtIndex(), 0.25), workspace),
        0, 0.25, 1);
  }

  /** No form called so far at {@code expect}'s point left the arrays unlike the original. */
  private static void assertWritesSeen(Expected expect) {
    assertThat(expect.writes())
        .as(
            "the caller must see the method's writes into its arrays, as after the original,"
                + " which leaves %s (at %s); every other check passed",
            Arguments.describe(expect.afterOriginal()), expect.at())
        .isEmpty();
  }

  /** What every form of a method must give at one point, from the original and its partials. */
  private record Expected(
      String method,
      String[] wrt,
      int[] wrtIndex,
      Object[] point,
      String at,
      double value,
      Object[] afterOriginal,
      List<String> writes,
      Object[] partials) {}

  /**
   * Calls an accumulating form ({@code generated}, the allocation-free gradient or the pullback,
   * with or without a workspace) with {@code args}, whose accumulators start at {@code
   * firstAccumulator} past the point's arguments, prefilled from {@code base}, and checks its
   * value, what it wrote into the arguments, and that it added {@code scale} times each partial.
   */
  private static void checkAccumulating(
      Differentiated d, Expected e, String generated, String form, Object[] args,
      int firstAccumulator, double base, double scale) {
    double returned = number(d.generated(generated, args));
    assertThat(returned).as("value of %s at %s", form, e.at()).isEqualTo(e.value());
    sameWrites(e.afterOriginal(), args, form, e.writes());
    for (int k = 0; k < e.wrt().length; k++) {
      Object parameter = e.point()[e.wrtIndex()[k]];
      Object accumulator = args[e.point().length + firstAccumulator + k];
      String partial = partialName(e.method(), e.wrt()[k]);
      assertThat(Arguments.shape(accumulator))
          .as("accumulator of %s in %s", partial, form)
          .isEqualTo(accumulatorShape(parameter));
      assertAgree(
          Arguments.flatten(accumulator),
          prefill(Arguments.cells(parameter).size(), k, base),
          scale,
          e.partials()[k],
          (firstAccumulator == 0 ? "accumulated " : "pulled back ") + partial + " by " + form
              + " at " + e.at());
    }
  }

  private static String partialName(String method, String parameter) {
    return "d" + method + "d" + parameter;
  }

  private static double number(Object boxed) {
    return ((Number) boxed).doubleValue();
  }

  /** {@code actual} is {@code before + factor * partial}, elementwise, to rounding. */
  private static void assertAgree(
      double[] actual, double[] before, double factor, Object partial, String what) {
    double[] p = Arguments.flatten(partial);
    assertThat(actual.length).as("number of elements of %s", what).isEqualTo(p.length);
    double agreement = Arguments.isFloat(partial) ? FLOAT_AGREEMENT : AGREEMENT;
    for (int i = 0; i < p.length; i++) {
      double expected = before[i] + factor * p[i];
      assertThat(actual[i])
          .as("%s, element %d of %d (before: %s, partial: %s)", what, i, p.length, before[i], p[i])
          .isCloseTo(
              expected,
              within(agreement * Math.max(1, Math.max(Math.abs(p[i]), Math.abs(expected)))));
    }
  }

  /** Notes it if the argument arrays after a generated call differ from after the original. */
  private static void sameWrites(
      Object[] afterOriginal, Object[] args, String form, List<String> differences) {
    Object[] head = Arrays.copyOf(args, afterOriginal.length);
    if (!Arguments.same(afterOriginal, head)) {
      differences.add("after " + form + ": " + Arguments.describe(head));
    }
  }

  private static Object[] withLast(Object[] args, Object last) {
    Object[] out = Arrays.copyOf(args, args.length + 1);
    out[args.length] = last;
    return out;
  }

  /** The point, then the seed if any, then one pre-filled accumulator per wrt parameter. */
  private static Object[] accumulatingArguments(
      Object[] point, Double seed, int[] wrtIndex, double base) {
    int offset = point.length + (seed == null ? 0 : 1);
    Object[] args = new Object[offset + wrtIndex.length];
    System.arraycopy(Arguments.copy(point), 0, args, 0, point.length);
    if (seed != null) {
      args[point.length] = seed;
    }
    for (int k = 0; k < wrtIndex.length; k++) {
      args[offset + k] = accumulator(point[wrtIndex[k]], k, base);
    }
    return args;
  }

  /**
   * The point, then one tangent per wrt parameter: {@code double}s of the parameter's shape
   * ({@code float} parameters take {@code double} tangents), distinct per cell, with both signs.
   */
  private static Object[] pushforwardArguments(Object[] point, int[] wrtIndex) {
    Object[] args = Arrays.copyOf(Arguments.copy(point), point.length + wrtIndex.length);
    for (int k = 0; k < wrtIndex.length; k++) {
      Object parameter = point[wrtIndex[k]];
      Object direction = tangentLike(parameter);
      List<int[]> cells = Arguments.cells(direction);
      for (int c = 0; c < cells.size(); c++) {
        direction = Arguments.set(direction, cells.get(c), 0.75 - 0.3125 * k + 0.375 * (c % 5) - 0.5 * (c % 3));
      }
      args[point.length + k] = direction;
    }
    return args;
  }

  private static Object tangentLike(Object parameter) {
    if (parameter instanceof Double || parameter instanceof Float) {
      return Double.valueOf(0);
    }
    if (parameter instanceof float[] a) {
      return new double[a.length];
    }
    if (parameter instanceof float[][] m) {
      double[][] t = new double[m.length][];
      for (int i = 0; i < m.length; i++) {
        t[i] = new double[m[i].length];
      }
      return t;
    }
    return Arguments.copyValue(parameter);
  }

  /** Distinct numbers per cell and parameter, exact in float too. */
  private static double[] prefill(int cells, int k, double base) {
    double[] values = new double[cells];
    for (int c = 0; c < cells; c++) {
      values[c] = base + 0.125 * k + 0.0625 * (c % 16) - 0.5 * (c / 16);
    }
    return values;
  }

  /**
   * An accumulator for a parameter: a one-element array for a scalar, an array of the same shape
   * for an array; float parameters get float accumulators.
   */
  private static Object accumulator(Object parameter, int k, double base) {
    Object accumulator;
    if (parameter instanceof Float) {
      accumulator = new float[1];
    } else if (parameter instanceof Double) {
      accumulator = new double[1];
    } else {
      accumulator = Arguments.copyValue(parameter);
    }
    List<int[]> cells = Arguments.cells(accumulator);
    double[] values = prefill(cells.size(), k, base);
    for (int c = 0; c < values.length; c++) {
      Arguments.set(accumulator, cells.get(c), values[c]);
    }
    return accumulator;
  }

  private static String accumulatorShape(Object parameter) {
    if (parameter instanceof Float) {
      return "float[1]";
    }
    if (parameter instanceof Double) {
      return "double[1]";
    }
    return Arguments.shape(parameter);
  }
}

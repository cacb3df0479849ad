package io.github.ad4j.check;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Checks a derivative at the caller's points against central finite differences with Richardson
 * extrapolation, and reports the worst component.
 *
 * <p>A gradient of a scalar function is checked component by component:
 *
 * <pre>{@code
 * GradCheck.gradient(x -> Model.loss(x), x -> ModelGrad.lossGradient(x).dlossdx())
 *     .named("Model.loss")
 *     .at(new double[] {0.5, 1.0, 2.0}, new double[] {-1, 0, 3})
 *     .check()
 *     .assertPassed();   // an AssertionError whose message is the report
 * }</pre>
 *
 * <p>A Jacobian of a vector function is checked by dot-product tests: for random vectors u and v,
 * u·(J v) is compared with u·(the finite-difference derivative of f along v), which costs a few
 * evaluations of f per test instead of one per input, and catches any wrong entry of J with
 * probability one. See {@link #jacobian}.
 *
 * <p>A component passes when {@code |analytic - numeric| <= tolerance * max(|analytic|,
 * |numeric|)} plus the error the finite differences themselves estimate (from the spread of their
 * extrapolations) and their rounding. That extra term is what lets an ill-scaled function pass:
 * the partial of order 1 of a function of order 1e5 cannot be resolved by differences to 1e-6;
 * the report counts such components as not resolved instead of failing them. The finite
 * differences start at a step of {@code step * |x_i|} (so a positive input stays positive) and
 * shrink it (Ridders' method).
 *
 * <p>Instances are immutable: each setter returns a new check. Points are copied, and the
 * functions are handed copies, so they may write into their argument.
 */
public final class GradCheck {

  /** The default relative tolerance. */
  public static final double DEFAULT_TOLERANCE = 1e-6;

  /**
   * The default first step of the finite differences, relative to {@code |x_i|} (to 1 where
   * {@code x_i} is 0).
   */
  public static final double DEFAULT_STEP = 1e-2;

  /** The default number of dot-product tests of a Jacobian per point. */
  public static final int DEFAULT_TRIALS = 3;

  /**
   * The rounding of a function value, in units of its magnitude, that the finite differences are
   * allowed on top of their own estimate: a few hundred operations' worth of double rounding.
   */
  private static final double ROUNDING = 256 * Math.ulp(1.0);

  /** Finite differences more uncertain than this, times the error the estimate admits. */
  private static final double ESTIMATE_SAFETY = 10;

  private final String name;
  private final ToDoubleFunction<double[]> scalar;
  private final Function<double[], double[]> gradient;
  private final Function<double[], double[]> vector;
  private final Function<double[], double[][]> jacobian;
  private final double tolerance;
  private final double step;
  private final int trials;
  private final long seed;
  private final List<double[]> points;
  private final List<String> names;

  private GradCheck(
      String name,
      ToDoubleFunction<double[]> scalar,
      Function<double[], double[]> gradient,
      Function<double[], double[]> vector,
      Function<double[], double[][]> jacobian,
      double tolerance,
      double step,
      int trials,
      long seed,
      List<double[]> points,
      List<String> names) {
    this.name = name;
    this.scalar = scalar;
    this.gradient = gradient;
    this.vector = vector;
    this.jacobian = jacobian;
    this.tolerance = tolerance;
    this.step = step;
    this.trials = trials;
    this.seed = seed;
    this.points = List.copyOf(points);
    this.names = List.copyOf(names);
  }

  /**
   * A check of {@code gradient}, which returns a new array of ∂f/∂x_i, against finite
   * differences of {@code f}.
   */
  public static GradCheck gradient(
      ToDoubleFunction<double[]> f, Function<double[], double[]> gradient) {
    requireNonNull(f, "f");
    requireNonNull(gradient, "gradient");
    return new GradCheck(
        "gradient", f, gradient, null, null, DEFAULT_TOLERANCE, DEFAULT_STEP, DEFAULT_TRIALS, 0,
        List.of(), List.of());
  }

  /**
   * A check of {@code jacobian}, which returns the matrix {@code J[i][j] = ∂f_i/∂x_j} (one row
   * per output), by dot-product tests against finite differences of {@code f}: for {@link
   * #trials} pairs of random vectors u (one entry per output) and v (one per input), u·(J v)
   * against u·(d/dt f(x + t v) at t = 0). Random vectors come from {@link #seed}, so a check is
   * reproducible.
   */
  public static GradCheck jacobian(
      Function<double[], double[]> f, Function<double[], double[][]> jacobian) {
    requireNonNull(f, "f");
    requireNonNull(jacobian, "jacobian");
    return new GradCheck(
        "Jacobian", null, null, f, jacobian, DEFAULT_TOLERANCE, DEFAULT_STEP, DEFAULT_TRIALS, 0,
        List.of(), List.of());
  }

  /** The name the report gives the function, such as {@code "Model.loss"}. */
  public GradCheck named(String name) {
    return new GradCheck(
        requireNonNull(name, "name"), scalar, gradient, vector, jacobian, tolerance, step, trials,
        seed, points, names);
  }

  /** The relative tolerance (default {@value #DEFAULT_TOLERANCE}); positive. */
  public GradCheck tolerance(double relative) {
    if (!(relative > 0)) {
      throw new IllegalArgumentException("tolerance must be positive: " + relative);
    }
    return new GradCheck(
        name, scalar, gradient, vector, jacobian, relative, step, trials, seed, points, names);
  }

  /**
   * The first finite-difference step, relative to {@code |x_i|} (to 1 where {@code x_i} is 0;
   * default {@value #DEFAULT_STEP}), so that no input changes sign. Make it smaller when the function changes branch or leaves its domain
   * within that distance of a point.
   */
  public GradCheck step(double relative) {
    if (!(relative > 0) || relative >= 1) {
      throw new IllegalArgumentException("step must be in (0, 1): " + relative);
    }
    return new GradCheck(
        name, scalar, gradient, vector, jacobian, tolerance, relative, trials, seed, points,
        names);
  }

  /** The number of dot-product tests per point of a Jacobian (default {@value #DEFAULT_TRIALS}). */
  public GradCheck trials(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("trials must be at least 1: " + count);
    }
    return new GradCheck(
        name, scalar, gradient, vector, jacobian, tolerance, step, count, seed, points, names);
  }

  /** The seed of the random vectors of a Jacobian's dot-product tests (default 0). */
  public GradCheck seed(long seed) {
    return new GradCheck(
        name, scalar, gradient, vector, jacobian, tolerance, step, trials, seed, points, names);
  }

  /**
   * Names for the components of a gradient, in order, used by the report instead of {@code
   * x[i]}: such as {@code "w[0]", "w[1]", "b"} where the point packs an array {@code w} and a
   * scalar {@code b}.
   */
  public GradCheck componentNames(String... names) {
    return new GradCheck(
        name, scalar, gradient, vector, jacobian, tolerance, step, trials, seed, points,
        List.of(names));
  }

  /** Adds points to check at; each is copied. */
  public GradCheck at(double[]... points) {
    List<double[]> all = new ArrayList<>(this.points);
    for (double[] point : points) {
      all.add(requireNonNull(point, "point").clone());
    }
    return new GradCheck(
        name, scalar, gradient, vector, jacobian, tolerance, step, trials, seed, all, names);
  }

  /**
   * Runs the check at every point given to {@link #at}.
   *
   * @throws IllegalStateException if no point was given
   */
  public Report check() {
    if (points.isEmpty()) {
      throw new IllegalStateException("no points to check " + name + " at: call at(...) first");
    }
    List<Component> components = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Random random = new Random(seed);
    for (int p = 0; p < points.size(); p++) {
      // one copy per point, shared by the point's components (not one per component: a
      // gradient of n inputs would hold n copies of its point)
      double[] point = points.get(p).clone();
      if (scalar != null) {
        checkGradient(p, point, components, problems);
      } else {
        checkJacobian(p, point, random, components, problems);
      }
    }
    return new Report(name, tolerance, points.size(), components, problems);
  }

  private void checkGradient(
      int p, double[] x, List<Component> components, List<String> problems) {
    double[] analytic = gradient.apply(x.clone());
    if (analytic == null || analytic.length != x.length) {
      problems.add(String.format(Locale.ROOT, "at point %d %s the gradient has %s, not %d",
          p, format(x), analytic == null ? "no value" : analytic.length + " components",
          x.length));
      return;
    }
    double value = scalar.applyAsDouble(x.clone());
    for (int i = 0; i < x.length; i++) {
      int index = i;
      double h = step * scale(x[i]);
      Ridders.Estimate numeric =
          Ridders.derivative(
              t -> {
                double[] moved = x.clone();
                moved[index] = t;
                return scalar.applyAsDouble(moved);
              },
              x[i],
              h);
      components.add(
          component(p, x, i, "∂/∂" + (i < names.size() ? names.get(i) : "x[" + i + "]"),
              analytic[i], numeric, Math.abs(value), h));
    }
  }

  private void checkJacobian(
      int p, double[] x, Random random, List<Component> components, List<String> problems) {
    double[] value = vector.apply(x.clone());
    double[][] j = jacobian.apply(x.clone());
    if (value == null) {
      problems.add(String.format(Locale.ROOT, "at point %d %s f returned null", p, format(x)));
      return;
    }
    if (j == null || j.length != value.length) {
      problems.add(String.format(Locale.ROOT, "at point %d %s the Jacobian has %s, not %d (one"
          + " per output)", p, format(x), j == null ? "no value" : j.length + " rows",
          value.length));
      return;
    }
    for (int row = 0; row < j.length; row++) {
      if (j[row] == null || j[row].length != x.length) {
        problems.add(String.format(Locale.ROOT, "at point %d %s row %d of the Jacobian has %s,"
            + " not %d (one per input)", p, format(x), row,
            j[row] == null ? "no value" : j[row].length + " columns", x.length));
        return;
      }
    }
    // the smallest input's scale, so that no input changes sign along v (whose entries are in
    // [-1, 1]) within the first step
    double scale = Double.POSITIVE_INFINITY;
    for (double xi : x) {
      scale = Math.min(scale, scale(xi));
    }
    double h = step * scale;
    for (int k = 0; k < trials; k++) {
      double[] u = randomVector(random, value.length);
      double[] v = randomVector(random, x.length);
      double analytic = 0;
      for (int row = 0; row < j.length; row++) {
        analytic += u[row] * dot(j[row], v);
      }
      Ridders.Estimate numeric =
          Ridders.derivative(
              t -> {
                double[] moved = x.clone();
                for (int i = 0; i < moved.length; i++) {
                  moved[i] += t * v[i];
                }
                return dot(u, vector.apply(moved));
              },
              0,
              h);
      double magnitude = 0;
      for (int row = 0; row < value.length; row++) {
        magnitude += Math.abs(u[row] * value[row]);
      }
      components.add(component(p, x, k, "u·(J v), test " + k, analytic, numeric, magnitude, h));
    }
  }

  private Component component(
      int p, double[] x, int index, String label, double analytic, Ridders.Estimate numeric,
      double magnitude, double h) {
    double absolute = Math.abs(analytic - numeric.value());
    double scale = Math.max(Math.abs(analytic), Math.abs(numeric.value()));
    double uncertainty = ESTIMATE_SAFETY * numeric.error() + ROUNDING * magnitude / h;
    return new Component(
        p, x, index, label, analytic, numeric.value(), absolute,
        scale == 0 ? 0 : absolute / scale, tolerance * scale + uncertainty,
        uncertainty > tolerance * scale);
  }

  /**
   * The scale of the steps for an input: its magnitude, so a positive input stays positive (log
   * and sqrt near 0 work), or 1 for an input that is 0.
   */
  private static double scale(double x) {
    return x == 0 || !Double.isFinite(x) ? 1 : Math.abs(x);
  }

  private static double[] randomVector(Random random, int length) {
    double[] v = new double[length];
    for (int i = 0; i < length; i++) {
      v[i] = 2 * random.nextDouble() - 1;
    }
    return v;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  static String format(double[] x) {
    StringBuilder sb = new StringBuilder("(");
    int shown = Math.min(x.length, 8);
    for (int i = 0; i < shown; i++) {
      sb.append(i == 0 ? "" : ", ").append(x[i]);
    }
    if (shown < x.length) {
      sb.append(", ... ").append(x.length - shown).append(" more");
    }
    return sb.append(')').toString();
  }

  /**
   * One compared number: a partial derivative, or one dot-product test of a Jacobian.
   *
   * @param point the index of the point, in the order given to {@link #at}
   * @param at the point
   * @param index the component of the gradient, or the number of the dot-product test
   * @param label what was compared, such as {@code ∂/∂x[2]}
   * @param analytic the value the derivative under test gave
   * @param numeric the finite-difference value
   * @param absoluteError {@code |analytic - numeric|}
   * @param relativeError the absolute error over {@code max(|analytic|, |numeric|)} (0 if both
   *     are 0)
   * @param allowed the largest absolute error that passes
   * @param unresolved whether the finite differences' own uncertainty exceeds the tolerance, so
   *     that only a gross error can be caught here
   */
  public record Component(
      int point,
      double[] at,
      int index,
      String label,
      double analytic,
      double numeric,
      double absoluteError,
      double relativeError,
      double allowed,
      boolean unresolved) {

    /** Whether the component is within its tolerance (a NaN never is). */
    public boolean passed() {
      return absoluteError <= allowed && Double.isFinite(numeric);
    }

    /** How far past its allowance the error is: at most 1 when it passes. */
    double excess() {
      if (passed()) {
        return allowed == 0 ? 0 : absoluteError / allowed;
      }
      boolean measurable = absoluteError > allowed && allowed > 0;
      return measurable ? absoluteError / allowed : Double.POSITIVE_INFINITY;
    }
  }

  /**
   * What a check found.
   *
   * @param name the function's name
   * @param tolerance the relative tolerance
   * @param pointCount the number of points checked
   * @param components every compared number
   * @param problems wrong shapes or missing values, each failing the check
   */
  public record Report(
      String name,
      double tolerance,
      int pointCount,
      List<Component> components,
      List<String> problems) {

    public Report {
      components = List.copyOf(components);
      problems = List.copyOf(problems);
    }

    /** Whether every component is within tolerance and no shape was wrong. */
    public boolean passed() {
      return problems.isEmpty() && components.stream().allMatch(Component::passed);
    }

    /** The component furthest past (or closest to) its allowance, if any was compared. */
    public Component worst() {
      Component worst = null;
      for (Component c : components) {
        if (worst == null || c.excess() > worst.excess()) {
          worst = c;
        }
      }
      return worst;
    }

    /** The number of components outside their tolerance. */
    public long failures() {
      return components.stream().filter(c -> !c.passed()).count();
    }

    /**
     * Throws an {@link AssertionError} whose message is this report unless the check {@link
     * #passed}.
     */
    public void assertPassed() {
      if (!passed()) {
        throw new AssertionError(this);
      }
    }

    /** The report, as several lines naming the worst component. */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("GradCheck of ").append(name).append(": ");
      sb.append(passed() ? "passed" : "FAILED").append(String.format(Locale.ROOT,
          ", %d of %d compared values outside relative tolerance %.1e at %d point%s",
          failures(), components.size(), tolerance, pointCount, pointCount == 1 ? "" : "s"));
      for (String problem : problems) {
        sb.append("\n  ").append(problem);
      }
      Component worst = worst();
      if (worst != null) {
        sb.append(String.format(Locale.ROOT, "%n  worst: %s at point %d %s",
            worst.label(), worst.point(), format(worst.at())));
        sb.append(String.format(Locale.ROOT, "%n    analytic        %s", worst.analytic()));
        sb.append(String.format(Locale.ROOT, "%n    numeric         %s", worst.numeric()));
        sb.append(String.format(Locale.ROOT, "%n    absolute error  %.3e (allowed %.3e)",
            worst.absoluteError(), worst.allowed()));
        sb.append(String.format(Locale.ROOT, "%n    relative error  %.3e",
            worst.relativeError()));
      }
      long unresolved = components.stream().filter(Component::unresolved).count();
      if (unresolved > 0) {
        sb.append(String.format(Locale.ROOT, "%n  %d value%s too small next to the function's"
            + " magnitude for finite differences to resolve to the tolerance; only gross errors"
            + " are caught there", unresolved, unresolved == 1 ? " is" : "s are"));
      }
      return sb.toString();
    }
  }
}

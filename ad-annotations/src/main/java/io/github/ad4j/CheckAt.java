package io.github.ad4j;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Configures the self-check that the plugin's {@code generate-checks} goal writes for a
 * {@code @Differentiable} method: a JUnit test comparing the generated gradient with finite
 * differences of the method at sample points.
 *
 * <p>Without this annotation a method is checked at three fixed points with every coordinate in
 * [0.5, 1.5], array parameters of length 3 (3 by 3 for {@code double[][]}), {@code int} and
 * {@code long} parameters 2, {@code boolean} ones {@code false}. For example:
 *
 * <pre>{@code
 * @Differentiable(wrt = {"x", "w"})
 * @CheckAt(value = {"0.1, 1, 2, 3", "-2, 0.5, 0.5, 0.5"}, fixed = "n = 5", tolerance = 1e-8)
 * static double f(double x, double[] w, int n) { ... }
 * }</pre>
 *
 * <p>With the goal's {@code onlyAnnotated} parameter set, only methods carrying this annotation
 * get a check.
 */
@Documented
@Target(METHOD)
@Retention(CLASS)
public @interface CheckAt {

  /**
   * The points, each a comma-separated list of numbers: the values of the parameters
   * differentiated with respect to, in parameter order, array parameters element by element (row
   * by row for {@code double[][]}). Empty (the default): three fixed points in [0.5, 1.5].
   */
  String[] value() default {};

  /**
   * Values of the other parameters, each as {@code "name = Java expression"}, such as {@code "n =
   * 5"} or {@code "data = new double[] {1, 2, 3}"}.
   */
  String[] fixed() default {};

  /** The length of each array parameter differentiated with respect to (1 to 10). */
  int length() default 3;

  /**
   * The relative tolerance. 0 (the default) means 1e-6, or 1e-3 for a method that computes in
   * {@code float}, whose own rounding limits what finite differences can tell.
   */
  double tolerance() default 0;

  /** Generates no check for this method. */
  boolean skip() default false;
}

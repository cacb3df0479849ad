package io.github.ad4j;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Chooses how the generated {@code fJacobian} of a {@code @Differentiable} method returning
 * {@code double[]} builds the matrix. Without this annotation the choice is {@link Mode#AUTO}.
 *
 * <pre>{@code
 * @Differentiable
 * @Jacobian(Jacobian.Mode.FORWARD)
 * static double[] rhs(double[] y, double k1) { ... }
 * }</pre>
 */
@Documented
@Target(METHOD)
@Retention(CLASS)
public @interface Jacobian {

  /** How to build the Jacobian. */
  Mode value() default Mode.AUTO;

  /** The ways to build an m × n Jacobian. */
  enum Mode {
    /**
     * Column by column where n ≤ m, row by row otherwise, decided at run time from the actual
     * sizes; column by column when the number of outputs cannot be known before the call.
     */
    AUTO,
    /** Column by column: one pushforward per input, n in all. */
    FORWARD,
    /**
     * Row by row: one pullback per output, m in all. The method must create the array it returns
     * with a length computed from its parameters.
     */
    REVERSE
  }
}

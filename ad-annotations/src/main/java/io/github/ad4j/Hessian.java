package io.github.ad4j;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Asks for second derivatives of a {@code @Differentiable} method as well: besides its first-order
 * forms, the generated class gets {@code fHessianVector}, the Hessian-vector product, and {@code
 * fHessian}, the whole Hessian matrix with respect to the {@code wrt} parameters flattened in
 * order.
 *
 * <p>They are built by differentiating the generated pushforward again, in reverse mode, so they
 * cost about one forward and one backward sweep per Hessian-vector product. Opt in per method:
 * methods without this annotation get no second-order code.
 *
 * <pre>{@code
 * @Differentiable
 * @Hessian
 * static double g(double x1, double x2) {
 *   return (x1 + 5) * x2 * x2;
 * }
 * }</pre>
 */
@Documented
@Target(METHOD)
@Retention(CLASS)
public @interface Hessian {}

package io.github.ad4j;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Declares a static method as a derivative rule: the partial derivative of another method with
 * respect to one of its parameters.
 *
 * <p>The rule takes the same parameters as the method it differentiates, in the same order, and
 * returns the partial derivative as a single {@code return} expression. Where that expression
 * calls the differentiated method itself with the same arguments, the generated code reuses the
 * value already computed instead of calling it again. For example, the built-in rule for {@link
 * Math#exp(double)} reads:
 *
 * <pre>{@code
 * @Partial(of = "Math.exp", wrt = "x")
 * static double exp(double x) {
 *   return Math.exp(x);
 * }
 * }</pre>
 *
 * <p>A function whose derivative is zero wherever it is defined (such as {@code Math.floor})
 * declares a rule that returns {@code 0}.
 */
@Documented
@Target(METHOD)
@Retention(CLASS)
public @interface Partial {

  /** The method differentiated, as {@code Class.method}, for example {@code "Math.atan2"}. */
  String of();

  /** The name of the parameter of this rule the partial derivative is taken with respect to. */
  String wrt();
}

package io.github.ad4j;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a static method whose derivatives ad4j generates.
 *
 * <p>For a method {@code f} of class {@code C}, {@code mvn generate-sources} writes {@code CGrad}
 * beside it with one method {@code d<f>d<p>} per parameter {@code p} it is taken with respect to,
 * plus the value-and-gradient, allocation-free and pullback forms described in the README.
 */
@Documented
@Target(METHOD)
@Retention(CLASS)
public @interface Differentiable {

  /**
   * Names of the parameters to differentiate with respect to, exactly as written in the method.
   * Empty (the default) means every {@code double}, {@code float}, {@code double[]}, {@code
   * float[]} and {@code double[][]} parameter.
   */
  String[] wrt() default {};
}

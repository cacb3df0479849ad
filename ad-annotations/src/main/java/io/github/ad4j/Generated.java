package io.github.ad4j;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a class written by ad4j.
 *
 * <p>It has {@code CLASS} retention, unlike {@code javax.annotation.processing.Generated}, so that
 * coverage tools such as JaCoCo (which skip classes carrying a class-retained annotation whose
 * name contains "Generated") leave generated derivatives out of coverage reports. It carries no
 * date, so regenerated files stay byte-identical.
 */
@Documented
@Target(TYPE)
@Retention(CLASS)
public @interface Generated {

  /** The tool that wrote the class. */
  String value() default "io.github.ad4j";

  /** The class the derivatives were generated from, as a fully qualified name. */
  String from() default "";
}

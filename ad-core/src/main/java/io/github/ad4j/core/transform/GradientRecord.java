package io.github.ad4j.core.transform;

import static java.util.Objects.requireNonNull;

import io.github.ad4j.core.ir.Param;
import java.util.List;

/**
 * A generated record holding a method's value and gradient.
 *
 * @param name the record's simple name
 * @param javadoc its Javadoc, without comment delimiters
 * @param components its components: the value first, then one partial per {@code wrt} parameter
 */
public record GradientRecord(String name, String javadoc, List<Param> components) {
  public GradientRecord {
    requireNonNull(name, "name");
    requireNonNull(javadoc, "javadoc");
    components = List.copyOf(components);
  }
}

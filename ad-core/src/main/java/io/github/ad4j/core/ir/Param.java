package io.github.ad4j.core.ir;

import static java.util.Objects.requireNonNull;

/** A method parameter. */
public record Param(JType type, String name) {
  public Param {
    requireNonNull(type, "type");
    requireNonNull(name, "name");
  }
}

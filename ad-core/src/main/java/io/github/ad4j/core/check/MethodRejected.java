package io.github.ad4j.core.check;

import java.util.List;

/** Every problem found in one method, which is therefore not differentiated. */
public final class MethodRejected extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<NotDifferentiableException> errors;

  /** @param errors the problems, at least one, in source order */
  public MethodRejected(List<NotDifferentiableException> errors) {
    super(errors.get(0).getMessage());
    this.errors = List.copyOf(errors);
  }

  /** The problems, in source order. */
  public List<NotDifferentiableException> errors() {
    return errors;
  }
}

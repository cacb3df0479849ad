package io.github.ad4j.core.check;

import static java.util.Objects.requireNonNull;

import io.github.ad4j.core.ir.Origin;

/**
 * Thrown by any stage that meets a construct it cannot differentiate. The generator turns it into
 * a positioned {@link io.github.ad4j.core.Diagnostic} and leaves the method out.
 */
public final class NotDifferentiableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Origin origin;

  /**
   * @param origin where the construct is
   * @param message what it is and what to do instead
   */
  public NotDifferentiableException(Origin origin, String message) {
    super(message);
    this.origin = requireNonNull(origin, "origin");
  }

  /** Where the construct is. */
  public Origin origin() {
    return origin;
  }
}

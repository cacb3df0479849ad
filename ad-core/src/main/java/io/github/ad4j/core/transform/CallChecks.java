package io.github.ad4j.core.transform;

import io.github.ad4j.core.check.Callees;
import io.github.ad4j.core.check.NotDifferentiableException;
import io.github.ad4j.core.ir.Origin;
import io.github.ad4j.core.ir.Param;

/**
 * What both modes require of a call of a method of the build with arguments that depend on the
 * inputs, before they call its pullback or pushforward.
 */
final class CallChecks {

  private CallChecks() {}

  /** The callee has generated derivatives to call. */
  static void requireDifferentiable(Callees.Callee callee, Origin origin) {
    if (!callee.differentiable()) {
      throw new NotDifferentiableException(origin, "call to " + callee.name() + ", which is not"
          + " @Differentiable, with arguments that depend on the inputs; annotate "
          + callee.name() + " with @Differentiable, or compute its value outside and pass it in");
    }
  }

  /**
   * Whether the callee is differentiated with respect to its parameter number {@code k}; an
   * argument that carries a derivative there when it is not is an error.
   */
  static boolean differentiatesWith(
      Callees.Callee callee, int k, boolean active, Origin origin) {
    Param param = callee.params().get(k);
    if (callee.wrt().contains(param.name())) {
      return true;
    }
    if (active) {
      throw new NotDifferentiableException(origin, "argument " + (k + 1) + " of "
          + callee.name() + " depends on the inputs, but " + callee.name() + " is not"
          + " differentiated with respect to " + param.name() + "; add \"" + param.name()
          + "\" to its wrt");
    }
    return false;
  }
}

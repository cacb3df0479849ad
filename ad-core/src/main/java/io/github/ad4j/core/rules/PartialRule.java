package io.github.ad4j.core.rules;

import static java.util.Objects.requireNonNull;

import io.github.ad4j.core.ir.Expr;
import java.util.List;

/**
 * One derivative rule: the partial derivative of {@code owner.function} with respect to its
 * parameter number {@code wrt}, as an expression over the rule's parameters.
 *
 * @param owner the class of the function, as written ({@code Math})
 * @param function the function's name
 * @param params the rule's parameter names, standing for the call's arguments in order
 * @param wrt the index of the parameter differentiated with respect to
 * @param body the partial derivative
 */
public record PartialRule(String owner, String function, List<String> params, int wrt, Expr body) {
  public PartialRule {
    requireNonNull(owner, "owner");
    requireNonNull(function, "function");
    params = List.copyOf(params);
    requireNonNull(body, "body");
  }
}

package io.github.ad4j.core.transform;

import io.github.ad4j.core.analyse.Activity;
import io.github.ad4j.core.check.NotDifferentiableException;
import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.Origin;
import io.github.ad4j.core.ir.UnaryOp;
import io.github.ad4j.core.rules.RuleTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Differentiates one expression in reverse: given the adjoint of its value, the adjoint each
 * variable or array element it reads receives, as a list of terms per variable or element (in
 * order of first appearance).
 *
 * <p>It walks the expression tree from the root, multiplying the incoming adjoint by each
 * operation's local partial derivative (the product rule, the quotient rule, and the {@link
 * RuleTable} for function calls). The terms are unsimplified; the simplifier folds them.
 */
final class AdjointPropagator {

  private final Activity activity;
  private final RuleTable rules;
  private final Function<Expr.Call, Origin> callSites;
  private final Map<Expr, Expr> knownValues;
  private final Map<Expr, List<Expr>> terms = new LinkedHashMap<>();

  /**
   * @param knownValues subexpressions whose value a variable already holds (a call assigned to
   *     its target): partial derivatives that mention them read the variable instead
   */
  private AdjointPropagator(
      Activity activity,
      RuleTable rules,
      Function<Expr.Call, Origin> callSites,
      Map<Expr, Expr> knownValues) {
    this.activity = activity;
    this.rules = rules;
    this.callSites = callSites;
    this.knownValues = knownValues;
  }

  /**
   * The adjoint terms each variable or array element in {@code expr} receives from {@code
   * adjoint}, keyed by the variable ({@link Expr.Var}) or element ({@link Expr.ArrayAccess}).
   *
   * @param callSites where each call is in the source, for diagnostics about it
   */
  static Map<Expr, List<Expr>> propagate(
      Expr expr,
      Expr adjoint,
      Activity activity,
      RuleTable rules,
      Function<Expr.Call, Origin> callSites,
      Map<Expr, Expr> knownValues) {
    AdjointPropagator propagator =
        new AdjointPropagator(activity, rules, callSites, knownValues);
    propagator.visit(expr, adjoint);
    return propagator.terms;
  }

  private void visit(Expr expr, Expr adjoint) {
    if (!activity.isActive(expr)) {
      return;
    }
    if (expr instanceof Expr.Var || expr instanceof Expr.ArrayAccess) {
      terms.computeIfAbsent(expr, k -> new ArrayList<>()).add(adjoint);
    } else if (expr instanceof Expr.Unary u) {
      visit(u.operand(), u.op() == UnaryOp.NEGATE ? negate(adjoint) : adjoint);
    } else if (expr instanceof Expr.Binary b) {
      binary(b, adjoint);
    } else if (expr instanceof Expr.Call c) {
      call(c, adjoint);
    } else if (expr instanceof Expr.Cast c) {
      visit(c.operand(), adjoint);
    } else if (expr instanceof Expr.Conditional c) {
      Expr zero = Expr.Literal.ofDouble(0);
      visit(c.whenTrue(), new Expr.Conditional(c.condition(), adjoint, zero));
      visit(c.whenFalse(), new Expr.Conditional(c.condition(), zero, adjoint));
    } else {
      throw new IllegalStateException("active expression of unexpected kind: " + expr);
    }
  }

  private void binary(Expr.Binary b, Expr adjoint) {
    Expr left = b.left();
    Expr right = b.right();
    switch (b.op()) {
      case ADD:
        visit(left, adjoint);
        visit(right, adjoint);
        break;
      case SUBTRACT:
        visit(left, adjoint);
        visit(right, negate(adjoint));
        break;
      case MULTIPLY:
        if (left.equals(right)) { // x * x: one term 2x, not x + x
          visit(left, times(adjoint, times(Expr.Literal.ofInt(2), left)));
        } else {
          visit(left, times(adjoint, right));
          visit(right, times(adjoint, left));
        }
        break;
      case DIVIDE:
        visit(left, new Expr.Binary(BinaryOp.DIVIDE, adjoint, right));
        visit(
            right,
            negate(
                new Expr.Binary(
                    BinaryOp.DIVIDE, times(adjoint, left), times(right, right))));
        break;
      case REMAINDER:
        // a % b = a - b * trunc(a / b): the quotient is piecewise constant
        visit(left, adjoint);
        Expr quotient =
            new Expr.Binary(
                BinaryOp.DIVIDE,
                new Expr.Binary(BinaryOp.SUBTRACT, left, b),
                right);
        visit(right, negate(times(adjoint, quotient)));
        break;
      default:
        throw new IllegalStateException("not differentiable: " + b.op());
    }
  }

  private void call(Expr.Call call, Expr adjoint) {
    if (!call.owner().equals("Math") && !call.owner().equals("StrictMath") && !rules.hasRules(call)) {
      throw new NotDifferentiableException(callSites.apply(call), "call to " + call.name() + " inside a"
          + " conditional expression, with arguments that depend on the inputs: assign its result"
          + " to a variable of its own before the conditional");
    }
    if (!rules.hasRules(call)) {
      throw new NotDifferentiableException(callSites.apply(call), "no derivative rule for "
          + call.owner() + "." + call.name() + " with " + call.args().size() + " argument(s); ad4j differentiates"
          + " the Math functions listed in the README; compute this value outside the method"
          + " and pass it in as a parameter");
    }
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      if (!activity.isActive(arg)) {
        continue;
      }
      int index = i;
      Expr partial =
          rules
              .partial(call, i)
              .orElseThrow(
                  () ->
                      new NotDifferentiableException(callSites.apply(call), "no derivative"
                          + " rule for " + call.owner() + "." + call.name() + " with respect to argument "
                          + (index + 1) + "; pass that argument in as a constant"));
      visit(arg, times(adjoint, ExprRewriter.substitute(partial, knownValues)));
    }
  }

  private static Expr times(Expr a, Expr b) {
    return new Expr.Binary(BinaryOp.MULTIPLY, a, b);
  }

  private static Expr negate(Expr a) {
    return new Expr.Unary(UnaryOp.NEGATE, a);
  }
}

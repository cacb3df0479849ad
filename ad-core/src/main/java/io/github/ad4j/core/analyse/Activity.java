package io.github.ad4j.core.analyse;

import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.ir.UnaryOp;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Activity analysis: which variables vary with the inputs differentiated with respect to. Only
 * those get adjoints, and only expressions that read them are differentiated.
 *
 * <p>A variable is varied if any assignment to it reads a varied value through a differentiable
 * operation: a comparison, an integer cast or an integer result cuts the dependence. The analysis
 * is flow-insensitive (a variable varied anywhere is varied everywhere), which is exact for
 * straight-line code up to structurally zero adjoints, which the transformer tracks itself.
 */
public final class Activity {

  private final Set<String> varied;
  private final Procedure procedure;

  private Activity(Procedure procedure, Set<String> varied) {
    this.procedure = procedure;
    this.varied = Collections.unmodifiableSet(varied);
  }

  /** Analyses {@code procedure} with respect to its {@code wrt} parameters. */
  public static Activity of(Procedure procedure) {
    Set<String> varied = new LinkedHashSet<>();
    for (Param p : procedure.wrt()) {
      varied.add(p.name());
    }
    Activity activity = new Activity(procedure, varied);
    boolean changed = true;
    while (changed) { // one pass suffices for straight-line code; loops will need the fixpoint
      changed = false;
      for (Stmt stmt : procedure.body()) {
        if (stmt instanceof Stmt.Declare d && d.init() != null) {
          changed |= activity.mark(varied, d.name(), d.init());
        } else if (stmt instanceof Stmt.Assign a && a.target() instanceof Expr.Var v) {
          Expr value =
              a.op() == AssignOp.SET ? a.value() : new Expr.Binary(a.op().binary(), v, a.value());
          changed |= activity.mark(varied, v.name(), value);
        }
      }
    }
    return activity;
  }

  private boolean mark(Set<String> into, String target, Expr value) {
    JType type = procedure.variables().get(target);
    return type.isFloating() && !into.contains(target) && isActive(value) && into.add(target);
  }

  /** The varied variables. */
  public Set<String> varied() {
    return varied;
  }

  /** Whether {@code name} is varied. */
  public boolean isVaried(String name) {
    return varied.contains(name);
  }

  /** Whether the value of {@code expr} depends differentiably on a varied variable. */
  public boolean isActive(Expr expr) {
    if (expr instanceof Expr.Var v) {
      return varied.contains(v.name());
    }
    if (expr instanceof Expr.Unary u) {
      return (u.op() == UnaryOp.NEGATE || u.op() == UnaryOp.PLUS) && isActive(u.operand());
    }
    if (expr instanceof Expr.Binary b) {
      if (!b.op().isArithmetic()) {
        return false;
      }
      return isActive(b.left()) || isActive(b.right());
    }
    if (expr instanceof Expr.Call c) {
      return c.type().isFloating() && c.args().stream().anyMatch(this::isActive);
    }
    if (expr instanceof Expr.Cast c) {
      return c.type().isFloating() && isActive(c.operand());
    }
    if (expr instanceof Expr.Conditional c) {
      return isActive(c.whenTrue()) || isActive(c.whenFalse());
    }
    return false;
  }
}

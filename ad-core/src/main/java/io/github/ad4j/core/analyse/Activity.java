package io.github.ad4j.core.analyse;

import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.ir.Storage;
import io.github.ad4j.core.ir.UnaryOp;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Activity analysis: which variables vary with the inputs differentiated with respect to. Only
 * those get adjoints, and only expressions that read them are differentiated.
 *
 * <p>A variable (or an array, as a whole) is varied if any assignment to it (or to one of its
 * elements) reads a varied value through a differentiable operation: a comparison, an integer
 * cast or an integer result cuts the dependence. The analysis is flow-insensitive and iterated to
 * a fixpoint, so values flowing around a loop are found; within straight-line code the
 * transformer tracks adjoints that are still structurally zero itself.
 */
public final class Activity {

  private final Set<String> varied;
  private final Procedure procedure;

  private Activity(Procedure procedure, Set<String> varied) {
    this.procedure = procedure;
    this.varied = varied;
  }

  /** Analyses {@code procedure} with respect to its {@code wrt} parameters. */
  public static Activity of(Procedure procedure) {
    Set<String> varied = new LinkedHashSet<>();
    for (Param p : procedure.wrt()) {
      varied.add(p.name());
    }
    Activity activity = new Activity(procedure, varied);
    while (activity.pass(procedure.body())) {
      // iterate: a loop may carry a varied value back to an earlier statement
    }
    return new Activity(procedure, Collections.unmodifiableSet(varied));
  }

  private boolean pass(List<Stmt> block) {
    boolean changed = false;
    for (Stmt stmt : block) {
      changed |= markWrittenArguments(stmt);
      if (stmt instanceof Stmt.Declare d && d.init() != null) {
        changed |= mark(d.name(), d.init());
      } else if (stmt instanceof Stmt.Assign a) {
        Expr value =
            a.op() == AssignOp.SET ? a.value() : new Expr.Binary(a.op().binary(), a.target(), a.value());
        changed |= mark(Storage.root(a.target()), value);
      } else if (stmt instanceof Stmt.If i) {
        changed |= pass(i.then());
        changed |= pass(i.otherwise());
      } else if (stmt instanceof Stmt.Loop l) {
        changed |= pass(l.init());
        changed |= pass(l.body());
        changed |= pass(l.update());
      } else if (stmt instanceof Stmt.Block b) {
        changed |= pass(b.body());
      }
    }
    return changed;
  }

  /**
   * A call that writes into its array arguments assigns them: from everything it is passed, so
   * they vary when any argument carries a derivative.
   */
  private boolean markWrittenArguments(Stmt stmt) {
    Expr.Call call = WritingCalls.of(stmt, procedure);
    if (call == null || call.args().stream().noneMatch(this::carriesDerivative)) {
      return false;
    }
    boolean changed = false;
    for (Expr arg : WritingCalls.writtenArguments(call, procedure)) {
      String root = Storage.root(arg);
      JType type = procedure.variables().get(root);
      if (type != null && (type.primitive() == JType.Primitive.DOUBLE || type.primitive() == JType.Primitive.FLOAT) && varied.add(root)) {
        changed = true;
      }
    }
    return changed;
  }

  private boolean mark(String target, Expr value) {
    JType type = procedure.variables().get(target);
    boolean floating =
        type.primitive() == JType.Primitive.DOUBLE || type.primitive() == JType.Primitive.FLOAT;
    return floating && !varied.contains(target) && isActive(value) && varied.add(target);
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
      return varied.contains(v.name()) && procedure.variables().get(v.name()).isFloating();
    }
    if (expr instanceof Expr.ArrayAccess a) {
      JType type = procedure.variables().get(Storage.root(a));
      return varied.contains(Storage.root(a)) && elementIsFloating(a, type);
    }
    if (expr instanceof Expr.Unary u) {
      return (u.op() == UnaryOp.NEGATE || u.op() == UnaryOp.PLUS) && isActive(u.operand());
    }
    if (expr instanceof Expr.Binary b) {
      return b.op().isArithmetic() && (isActive(b.left()) || isActive(b.right()));
    }
    if (expr instanceof Expr.Call c) {
      return c.type().isFloating() && c.args().stream().anyMatch(this::carriesDerivative);
    }
    if (expr instanceof Expr.Cast c) {
      return c.type().isFloating() && isActive(c.operand());
    }
    if (expr instanceof Expr.Conditional c) {
      return isActive(c.whenTrue()) || isActive(c.whenFalse());
    }
    return false;
  }

  /**
   * Whether a call's argument carries a derivative into the callee: an active value, or a varied
   * array (a whole array variable, or a row {@code m[i]}).
   */
  public boolean carriesDerivative(Expr arg) {
    if (arg instanceof Expr.Var || arg instanceof Expr.ArrayAccess) {
      String root = io.github.ad4j.core.ir.Storage.root(arg);
      JType type = procedure.variables().get(root);
      int depth = 0;
      for (Expr e = arg; e instanceof Expr.ArrayAccess a; e = a.array()) {
        depth++;
      }
      if (type != null && type.dimensions() > depth) {
        return varied.contains(root);
      }
    }
    return isActive(arg);
  }

  /** Whether {@code access} reads a single floating-point element (not a row). */
  private static boolean elementIsFloating(Expr.ArrayAccess access, JType arrayType) {
    int depth = 0;
    Expr e = access;
    while (e instanceof Expr.ArrayAccess a) {
      depth++;
      e = a.array();
    }
    return depth == arrayType.dimensions()
        && (arrayType.primitive() == JType.Primitive.DOUBLE
            || arrayType.primitive() == JType.Primitive.FLOAT);
  }
}

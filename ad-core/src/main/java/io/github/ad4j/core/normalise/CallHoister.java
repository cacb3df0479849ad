package io.github.ad4j.core.normalise;

import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Origin;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.ir.Storage;
import io.github.ad4j.core.ir.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives every call of a function of the inputs a statement of its own, as Tangent's A-normal
 * form does: {@code r = (1 - exp(-2 * x)) / (1 + exp(-2 * x))} becomes {@code double exp =
 * exp(-2 * x); r = (1 - exp) / (1 + exp)}.
 *
 * <p>Why: the backward sweep needs a call's value ({@code exp}'s derivative is itself) or its
 * argument's ({@code sin(exp(x))}); a variable holds it instead of a second call. Equal calls in
 * one statement share one variable. A call that is already the whole right-hand side stays where
 * it is, unless it reads the variable it assigns ({@code t = exp(t)}), whose old value the
 * backward sweep restores.
 */
final class CallHoister {

  private CallHoister() {}

  static List<Stmt> hoist(List<Stmt> body, Map<String, JType> variables, Names names) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt stmt : body) {
      Map<Expr.Call, String> hoisted = new LinkedHashMap<>();
      Stmt rewritten;
      if (stmt instanceof Stmt.Declare d && d.init() != null) {
        rewritten =
            new Stmt.Declare(
                d.type(), d.name(), rewrite(d.init(), true, hoisted, variables, names), d.origin());
      } else if (stmt instanceof Stmt.Assign a) {
        boolean topLevel = a.op() == AssignOp.SET && !Storage.readsTarget(a.value(), a.target());
        rewritten =
            new Stmt.Assign(
                a.target(), a.op(), rewrite(a.value(), topLevel, hoisted, variables, names),
                a.origin());
      } else if (stmt instanceof Stmt.Return r) {
        rewritten = new Stmt.Return(rewrite(r.value(), true, hoisted, variables, names), r.origin());
      } else if (stmt instanceof Stmt.If i) {
        // conditions are not differentiated, only replayed: their calls stay where they are
        rewritten =
            new Stmt.If(
                i.condition(),
                hoist(i.then(), variables, names),
                hoist(i.otherwise(), variables, names),
                i.origin());
      } else if (stmt instanceof Stmt.Loop l) {
        rewritten =
            new Stmt.Loop(
                l.kind(),
                hoist(l.init(), variables, names),
                l.condition(),
                hoist(l.update(), variables, names),
                hoist(l.body(), variables, names),
                l.origin());
      } else if (stmt instanceof Stmt.Block b) {
        rewritten = new Stmt.Block(hoist(b.body(), variables, names));
      } else {
        rewritten = stmt;
      }
      Stmt origin = stmt;
      hoisted.forEach(
          (call, name) -> out.add(new Stmt.Declare(call.type(), name, call, originOf(origin))));
      out.add(rewritten);
    }
    return out;
  }

  private static Origin originOf(Stmt stmt) {
    if (stmt instanceof Stmt.Declare d) {
      return d.origin();
    }
    if (stmt instanceof Stmt.Assign a) {
      return a.origin();
    }
    if (stmt instanceof Stmt.Return r) {
      return r.origin();
    }
    return null;
  }

  private static Expr rewrite(
      Expr expr,
      boolean topLevel,
      Map<Expr.Call, String> hoisted,
      Map<String, JType> variables,
      Names names) {
    if (expr instanceof Expr.Conditional) {
      // a call in a branch runs only when the branch is taken: hoisting it would evaluate it
      // always, and its derivative where it is undefined (0 * NaN) would poison the adjoint
      return expr;
    }
    Expr rebuilt = ExprRewriter.mapChildren(expr, c -> rewrite(c, false, hoisted, variables, names));
    if (!topLevel && rebuilt instanceof Expr.Call call && isHoistable(call)) {
      String name =
          hoisted.computeIfAbsent(
              call,
              c -> {
                String fresh = names.fresh(c.name());
                variables.put(fresh, Types.of(c, variables::get));
                return fresh;
              });
      return new Expr.Var(name);
    }
    return rebuilt;
  }

  /** A call whose value may vary: it returns a floating-point number and reads a variable. */
  private static boolean isHoistable(Expr.Call call) {
    return call.type().isFloating() && call.args().stream().anyMatch(CallHoister::readsVariable);
  }

  private static boolean readsVariable(Expr expr) {
    return expr instanceof Expr.Var || ExprRewriter.anyChild(expr, CallHoister::readsVariable);
  }

}

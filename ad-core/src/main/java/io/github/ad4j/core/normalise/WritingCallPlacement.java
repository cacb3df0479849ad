package io.github.ad4j.core.normalise;

import io.github.ad4j.core.check.NotDifferentiableException;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.Origin;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.ir.Statements;
import io.github.ad4j.core.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Requires every call of a method that writes into its array arguments to be a statement of its
 * own ({@code g(w, s);}) or a statement's whole value ({@code double t = g(w, s);}). The
 * derivatives save the arrays before such a call and put them back after it, which needs a
 * place between statements; and inside an expression, moving the call out to give it one could
 * change what the expression reads ({@code w[0] * g(w, s)} reads {@code w[0]} first).
 */
final class WritingCallPlacement {

  private final Predicate<Expr.Call> writes;
  private final Map<String, Origin> callSites;

  private WritingCallPlacement(Predicate<Expr.Call> writes, Map<String, Origin> callSites) {
    this.writes = writes;
    this.callSites = callSites;
  }

  /**
   * @param writes whether a call names a method that writes into its arrays
   * @param callSites where each call is, by {@link ExpressionConverter#key} and {@link
   *     Procedure#exactKey}
   * @param fallback where to report a call whose place is not known
   */
  static void check(
      List<Stmt> body, Predicate<Expr.Call> writes, Map<String, Origin> callSites, Origin fallback) {
    new WritingCallPlacement(writes, callSites).block(body, fallback);
  }

  private void block(List<Stmt> block, Origin fallback) {
    for (Stmt s : block) {
      List<Expr> nested = new ArrayList<>();
      Origin origin = fallback;
      if (s instanceof Stmt.Declare d && d.init() != null) {
        nested.addAll(inside(d.init()));
        origin = d.origin() == null ? fallback : d.origin();
      } else if (s instanceof Stmt.Assign a) {
        nested.add(a.target());
        nested.addAll(a.op() == io.github.ad4j.core.ir.AssignOp.SET ? inside(a.value()) : List.of(a.value()));
        origin = a.origin() == null ? fallback : a.origin();
      } else if (s instanceof Stmt.Return r) {
        nested.addAll(inside(r.value()));
        origin = r.origin() == null ? fallback : r.origin();
      } else if (s instanceof Stmt.Eval e) {
        nested.addAll(e.call().args());
        origin = e.origin() == null ? fallback : e.origin();
      } else if (s instanceof Stmt.If i) {
        nested.add(i.condition());
      } else if (s instanceof Stmt.Loop l) {
        nested.add(l.condition());
      }
      for (Expr e : nested) {
        Expr.Call call = firstWriter(e);
        if (call != null) {
          throw new NotDifferentiableException(
              site(call, origin),
              "call to " + call.name() + ", which writes into its array parameters, inside an"
                  + " expression; call it as a statement of its own, `" + call.name()
                  + "(...);` or `double t = " + call.name() + "(...);`, and use t");
        }
      }
      for (List<Stmt> inner : Statements.blocks(s)) {
        block(inner, fallback);
      }
    }
  }

  /**
   * Where {@code call}, in the statement at {@code statement}, is: the call itself where the
   * converter recorded it, else the statement. (Not the first call of the method anywhere, which
   * may be another statement's.)
   */
  private Origin site(Expr.Call call, Origin statement) {
    Origin exact = callSites.get(Procedure.exactKey(call));
    return exact != null && exact.line() >= statement.line() ? exact : statement;
  }

  /** What a statement's value holds inside: its arguments if the value is a writing call. */
  private List<Expr> inside(Expr value) {
    return value instanceof Expr.Call c && writes.test(c) ? c.args() : List.of(value);
  }

  private Expr.Call firstWriter(Expr e) {
    if (e instanceof Expr.Call c && writes.test(c)) {
      return c;
    }
    for (Expr child : ExprRewriter.children(e)) {
      Expr.Call found = firstWriter(child);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}

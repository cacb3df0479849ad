package io.github.ad4j.core.normalise;

import io.github.ad4j.core.check.Callees;
import io.github.ad4j.core.check.NotDifferentiableException;
import io.github.ad4j.core.emit.ExprPrinter;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.Origin;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.ir.Statements;
import io.github.ad4j.core.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Requires every call of a method that writes into its array arguments to be a statement of its
 * own ({@code g(w, s);}) or a statement's whole value ({@code double t = g(w, s);}). The
 * derivatives save the arrays before such a call and put them back after it, which needs a
 * place between statements; and inside an expression, moving the call out to give it one could
 * change what the expression reads ({@code w[0] * g(w, s)} reads {@code w[0]} first).
 *
 * <p>Nor may such a call pass an array it writes into as another of its arguments ({@code g(w,
 * w)}, {@code g(m, m[0])}): the callee's derivatives take its array parameters for distinct
 * arrays, and through an alias they would miss what the callee reads back of its own writes.
 */
final class WritingCallPlacement {

  private final Function<Expr.Call, Callees.Callee> resolve;
  private final Predicate<Expr.Call> writes;
  private final Map<String, Origin> callSites;

  private WritingCallPlacement(
      Function<Expr.Call, Callees.Callee> resolve, Map<String, Origin> callSites) {
    this.resolve = resolve;
    this.writes =
        call -> {
          Callees.Callee callee = resolve.apply(call);
          return callee != null && callee.writesArrays();
        };
    this.callSites = callSites;
  }

  /**
   * @param resolve the method of the build a call names, or null
   * @param callSites where each call is, by {@link ExpressionConverter#key} and {@link
   *     Procedure#exactKey}
   * @param fallback where to report a call whose place is not known
   */
  static void check(
      List<Stmt> body, Function<Expr.Call, Callees.Callee> resolve,
      Map<String, Origin> callSites, Origin fallback) {
    new WritingCallPlacement(resolve, callSites).block(body, fallback);
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
      Expr value =
          s instanceof Stmt.Eval e ? e.call()
              : s instanceof Stmt.Declare d ? d.init()
              : s instanceof Stmt.Assign a && a.op() == io.github.ad4j.core.ir.AssignOp.SET
                  ? a.value()
              : s instanceof Stmt.Return r ? r.value()
              : null;
      if (value instanceof Expr.Call c && writes.test(c)) {
        requireNoAlias(c, origin);
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

  /** Refuses a call that passes an array it writes into as another of its array arguments too. */
  private void requireNoAlias(Expr.Call call, Origin origin) {
    Callees.Callee callee = resolve.apply(call);
    List<Expr> args = call.args();
    for (int k = 0; k < args.size(); k++) {
      if (!callee.writes(k)) {
        continue;
      }
      for (int j = 0; j < args.size(); j++) {
        if (j != k
            && callee.params().get(j).type().dimensions() > 0
            && (within(args.get(k), args.get(j)) || within(args.get(j), args.get(k)))) {
          throw new NotDifferentiableException(
              site(call, origin),
              "call to " + call.name() + " passes " + ExprPrinter.print(args.get(k)) + " to "
                  + callee.params().get(k).name() + ", which " + call.name()
                  + " writes into, and " + ExprPrinter.print(args.get(j)) + " to "
                  + callee.params().get(j).name() + ": the same array twice; pass a copy of"
                  + " one of them");
        }
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

  /** Whether {@code inner} is {@code outer} or an array {@code outer} is a row of. */
  private static boolean within(Expr outer, Expr inner) {
    for (Expr e = outer; ; e = ((Expr.ArrayAccess) e).array()) {
      if (e.equals(inner)) {
        return true;
      }
      if (!(e instanceof Expr.ArrayAccess)) {
        return false;
      }
    }
  }

  /** What a statement's value holds inside: its arguments if the value is a writing call. */
  private List<Expr> inside(Expr value) {
    return value instanceof Expr.Call c && writes.test(c) ? c.args() : List.of(value);
  }

  private Expr.Call firstWriter(Expr e) {
    if (e instanceof Expr.Call c && writes.test(c)) {
      return c;
    }
    for (int k = 0, kids = ExprRewriter.childCount(e); k < kids; k++) {
      Expr child = ExprRewriter.child(e, k);
      Expr.Call found = firstWriter(child);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}

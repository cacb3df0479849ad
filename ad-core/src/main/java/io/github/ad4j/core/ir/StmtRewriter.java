package io.github.ad4j.core.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Rewriting through statements: every expression, assignment targets included. */
public final class StmtRewriter {

  private StmtRewriter() {}

  /** {@code stmts} with every subexpression equal to a key of {@code replacements} replaced. */
  public static List<Stmt> substitute(List<Stmt> stmts, Map<? extends Expr, ? extends Expr> replacements) {
    return rewrite(stmts, e -> ExprRewriter.substitute(e, replacements));
  }

  /**
   * {@code stmts} with {@code f} applied to each expression they hold (conditions, values,
   * assignment targets), nested statements included.
   */
  public static List<Stmt> rewrite(List<Stmt> stmts, UnaryOperator<Expr> f) {
    List<Stmt> out = new ArrayList<>(stmts.size());
    for (Stmt s : stmts) {
      out.add(rewrite(s, f));
    }
    return out;
  }

  private static Stmt rewrite(Stmt s, UnaryOperator<Expr> f) {
    if (s instanceof Stmt.Declare d) {
      return new Stmt.Declare(d.type(), d.name(), d.init() == null ? null : f.apply(d.init()), d.origin());
    }
    if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(f.apply(a.target()), a.op(), f.apply(a.value()), a.origin());
    }
    if (s instanceof Stmt.Return ret) {
      return new Stmt.Return(f.apply(ret.value()), ret.origin());
    }
    if (s instanceof Stmt.If i) {
      return new Stmt.If(f.apply(i.condition()), rewrite(i.then(), f), rewrite(i.otherwise(), f), i.origin());
    }
    if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(
          l.kind(), rewrite(l.init(), f), f.apply(l.condition()),
          rewrite(l.update(), f), rewrite(l.body(), f), l.origin());
    }
    if (s instanceof Stmt.Block b) {
      return new Stmt.Block(rewrite(b.body(), f));
    }
    if (s instanceof Stmt.Eval e) {
      return new Stmt.Eval((Expr.Call) f.apply(e.call()), e.origin());
    }
    if (s instanceof Stmt.Labeled l) {
      return new Stmt.Labeled(l.label(), rewrite(l.statement(), f));
    }
    return s;
  }
}

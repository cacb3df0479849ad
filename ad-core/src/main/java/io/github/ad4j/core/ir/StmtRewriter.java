package io.github.ad4j.core.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Substitution through statements: every expression, assignment targets included. */
public final class StmtRewriter {

  private StmtRewriter() {}

  /** {@code stmts} with every subexpression equal to a key of {@code replacements} replaced. */
  public static List<Stmt> substitute(List<Stmt> stmts, Map<? extends Expr, ? extends Expr> replacements) {
    List<Stmt> out = new ArrayList<>(stmts.size());
    for (Stmt s : stmts) {
      out.add(substitute(s, replacements));
    }
    return out;
  }

  private static Stmt substitute(Stmt s, Map<? extends Expr, ? extends Expr> r) {
    if (s instanceof Stmt.Declare d) {
      return new Stmt.Declare(
          d.type(), d.name(), d.init() == null ? null : ExprRewriter.substitute(d.init(), r), d.origin());
    }
    if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(
          ExprRewriter.substitute(a.target(), r), a.op(), ExprRewriter.substitute(a.value(), r),
          a.origin());
    }
    if (s instanceof Stmt.Return ret) {
      return new Stmt.Return(ExprRewriter.substitute(ret.value(), r), ret.origin());
    }
    if (s instanceof Stmt.If i) {
      return new Stmt.If(
          ExprRewriter.substitute(i.condition(), r), substitute(i.then(), r),
          substitute(i.otherwise(), r), i.origin());
    }
    if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(
          l.kind(), substitute(l.init(), r), ExprRewriter.substitute(l.condition(), r),
          substitute(l.update(), r), substitute(l.body(), r), l.origin());
    }
    if (s instanceof Stmt.Block b) {
      return new Stmt.Block(substitute(b.body(), r));
    }
    if (s instanceof Stmt.Eval e) {
      return new Stmt.Eval((Expr.Call) ExprRewriter.substitute(e.call(), r), e.origin());
    }
    if (s instanceof Stmt.Labeled l) {
      return new Stmt.Labeled(l.label(), substitute(l.statement(), r));
    }
    return s;
  }
}

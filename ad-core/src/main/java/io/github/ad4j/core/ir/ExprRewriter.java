package io.github.ad4j.core.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Generic traversal of expressions: their children, rebuilding, substitution, variables read. */
public final class ExprRewriter {

  private ExprRewriter() {}

  /** The direct subexpressions of {@code expr}, left to right. */
  public static List<Expr> children(Expr expr) {
    if (expr instanceof Expr.Unary u) {
      return List.of(u.operand());
    }
    if (expr instanceof Expr.Binary b) {
      return List.of(b.left(), b.right());
    }
    if (expr instanceof Expr.Call c) {
      return c.args();
    }
    if (expr instanceof Expr.Cast c) {
      return List.of(c.operand());
    }
    if (expr instanceof Expr.Conditional c) {
      return List.of(c.condition(), c.whenTrue(), c.whenFalse());
    }
    if (expr instanceof Expr.ArrayAccess a) {
      return List.of(a.array(), a.index());
    }
    if (expr instanceof Expr.NewRecord r) {
      return r.args();
    }
    if (expr instanceof Expr.ArrayLength l) {
      return List.of(l.array());
    }
    if (expr instanceof Expr.NewArray n) {
      return n.lengths();
    }
    return List.of();
  }

  /** {@code expr} with {@code f} applied to each direct subexpression. */
  public static Expr mapChildren(Expr expr, UnaryOperator<Expr> f) {
    if (expr instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), f.apply(u.operand()));
    }
    if (expr instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), f.apply(b.left()), f.apply(b.right()));
    }
    if (expr instanceof Expr.Call c) {
      return new Expr.Call(c.owner(), c.name(), map(c.args(), f), c.type());
    }
    if (expr instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), f.apply(c.operand()));
    }
    if (expr instanceof Expr.Conditional c) {
      return new Expr.Conditional(
          f.apply(c.condition()), f.apply(c.whenTrue()), f.apply(c.whenFalse()));
    }
    if (expr instanceof Expr.ArrayAccess a) {
      return new Expr.ArrayAccess(f.apply(a.array()), f.apply(a.index()));
    }
    if (expr instanceof Expr.NewRecord r) {
      return new Expr.NewRecord(r.type(), map(r.args(), f));
    }
    if (expr instanceof Expr.ArrayLength l) {
      return new Expr.ArrayLength(f.apply(l.array()));
    }
    if (expr instanceof Expr.NewArray n) {
      return new Expr.NewArray(n.type(), map(n.lengths(), f));
    }
    return expr;
  }

  private static List<Expr> map(List<Expr> exprs, UnaryOperator<Expr> f) {
    List<Expr> out = new ArrayList<>(exprs.size());
    for (Expr e : exprs) {
      out.add(f.apply(e));
    }
    return out;
  }

  /** {@code expr} rebuilt bottom-up, {@code f} applied to each subexpression after its children. */
  public static Expr transform(Expr expr, UnaryOperator<Expr> f) {
    return f.apply(mapChildren(expr, c -> transform(c, f)));
  }

  /** {@code expr} with every subexpression equal to a key of {@code replacements} replaced. */
  public static Expr substitute(Expr expr, Map<? extends Expr, ? extends Expr> replacements) {
    Expr replacement = replacements.get(expr);
    if (replacement != null) {
      return replacement;
    }
    return mapChildren(expr, c -> substitute(c, replacements));
  }

  /** Adds the name of every variable {@code expr} reads to {@code into}. */
  public static void variables(Expr expr, Set<String> into) {
    if (expr instanceof Expr.Var v) {
      into.add(v.name());
    }
    if (expr instanceof Expr.Step s) {
      into.add(s.variable());
    }
    for (Expr child : children(expr)) {
      variables(child, into);
    }
  }

  /** Whether {@code expr} contains {@code part}. */
  public static boolean contains(Expr expr, Expr part) {
    if (expr.equals(part)) {
      return true;
    }
    for (Expr child : children(expr)) {
      if (contains(child, part)) {
        return true;
      }
    }
    return false;
  }
}

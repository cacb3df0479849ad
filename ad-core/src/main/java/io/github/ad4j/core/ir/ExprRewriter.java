package io.github.ad4j.core.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
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

  /**
   * How many direct subexpressions {@code expr} has. With {@link #child}, a walk over them that
   * allocates nothing, where {@link #children}'s list and its iterator would be garbage on every
   * node (a tenth of what a generation in a fresh JVM allocated, before the JIT removes it).
   */
  public static int childCount(Expr expr) {
    if (expr instanceof Expr.Unary
        || expr instanceof Expr.Cast
        || expr instanceof Expr.ArrayLength) {
      return 1;
    }
    if (expr instanceof Expr.Binary || expr instanceof Expr.ArrayAccess) {
      return 2;
    }
    if (expr instanceof Expr.Conditional) {
      return 3;
    }
    if (expr instanceof Expr.Call c) {
      return c.args().size();
    }
    if (expr instanceof Expr.NewRecord r) {
      return r.args().size();
    }
    if (expr instanceof Expr.NewArray n) {
      return n.lengths().size();
    }
    return 0;
  }

  /** The direct subexpression {@code i} of {@code expr}, as {@link #children} orders them. */
  public static Expr child(Expr expr, int i) {
    if (expr instanceof Expr.Unary u) {
      return only(u.operand(), i);
    }
    if (expr instanceof Expr.Cast c) {
      return only(c.operand(), i);
    }
    if (expr instanceof Expr.ArrayLength l) {
      return only(l.array(), i);
    }
    if (expr instanceof Expr.Binary b) {
      return i == 0 ? b.left() : i == 1 ? b.right() : outOfRange(expr, i);
    }
    if (expr instanceof Expr.ArrayAccess a) {
      return i == 0 ? a.array() : i == 1 ? a.index() : outOfRange(expr, i);
    }
    if (expr instanceof Expr.Conditional c) {
      return i == 0 ? c.condition() : i == 1 ? c.whenTrue() : i == 2 ? c.whenFalse()
          : outOfRange(expr, i);
    }
    if (expr instanceof Expr.Call c) {
      return c.args().get(i);
    }
    if (expr instanceof Expr.NewRecord r) {
      return r.args().get(i);
    }
    if (expr instanceof Expr.NewArray n) {
      return n.lengths().get(i);
    }
    return outOfRange(expr, i);
  }

  /** Whether {@code test} holds for some direct subexpression of {@code expr}. */
  public static boolean anyChild(Expr expr, Predicate<Expr> test) {
    for (int i = 0, n = childCount(expr); i < n; i++) {
      if (test.test(child(expr, i))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code test} holds for every direct subexpression of {@code expr}. */
  public static boolean allChildren(Expr expr, Predicate<Expr> test) {
    return !anyChild(expr, test.negate());
  }

  private static Expr only(Expr child, int i) {
    if (i != 0) {
      throw new IndexOutOfBoundsException(i);
    }
    return child;
  }

  private static Expr outOfRange(Expr expr, int i) {
    throw new IndexOutOfBoundsException("child " + i + " of " + expr);
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
    for (int i = 0, n = childCount(expr); i < n; i++) {
      variables(child(expr, i), into);
    }
  }

  /** Whether {@code expr} contains {@code part}. */
  public static boolean contains(Expr expr, Expr part) {
    if (expr.equals(part)) {
      return true;
    }
    for (int i = 0, n = childCount(expr); i < n; i++) {
      if (contains(child(expr, i), part)) {
        return true;
      }
    }
    return false;
  }
}

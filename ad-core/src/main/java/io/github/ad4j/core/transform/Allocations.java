package io.github.ad4j.core.transform;

import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.Stmt;
import java.util.List;
import java.util.Set;

/**
 * Whether generated statements may allocate, so that a method's Javadoc promises "allocates
 * nothing" only where that is true: no array is created (a tape, a cell, an adjoint array, the
 * method's own arrays), no helper that copies is called, and no other method's pullback (which
 * may allocate its own tapes) is called.
 */
final class Allocations {

  /** The generated helpers that create arrays. */
  private static final Set<String> ALLOCATING_HELPERS =
      Set.of("push", "zerosLike", "deepCopy", "clone", "copyOf", "toFloats");

  private Allocations() {}

  /** True if running {@code statements} may allocate. */
  static boolean mayAllocate(List<Stmt> statements) {
    for (Stmt s : statements) {
      if (mayAllocate(s)) {
        return true;
      }
    }
    return false;
  }

  private static boolean mayAllocate(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      return d.init() != null && mayAllocate(d.init());
    }
    if (s instanceof Stmt.Assign a) {
      return mayAllocate(a.target()) || mayAllocate(a.value());
    }
    if (s instanceof Stmt.Return r) {
      return r.value() != null && mayAllocate(r.value());
    }
    if (s instanceof Stmt.If i) {
      return mayAllocate(i.condition()) || mayAllocate(i.then()) || mayAllocate(i.otherwise());
    }
    if (s instanceof Stmt.Loop l) {
      return mayAllocate(l.init()) || mayAllocate(l.condition()) || mayAllocate(l.update())
          || mayAllocate(l.body());
    }
    if (s instanceof Stmt.Block b) {
      return mayAllocate(b.body());
    }
    if (s instanceof Stmt.Labeled l) {
      return mayAllocate(l.statement());
    }
    if (s instanceof Stmt.Eval e) {
      return mayAllocate(e.call());
    }
    return false;
  }

  private static boolean mayAllocate(Expr e) {
    if (e instanceof Expr.NewArray || e instanceof Expr.NewRecord) {
      return true;
    }
    if (e instanceof Expr.Call c
        && (ALLOCATING_HELPERS.contains(c.name())
            || c.name().endsWith("Pullback")
            || c.name().endsWith("PullbackInOut"))) {
      return true;
    }
    for (Expr child : ExprRewriter.children(e)) {
      if (mayAllocate(child)) {
        return true;
      }
    }
    return false;
  }
}

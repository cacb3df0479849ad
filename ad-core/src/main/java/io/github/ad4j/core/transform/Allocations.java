package io.github.ad4j.core.transform;

import io.github.ad4j.core.DerivativeNames;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.ir.Tapes;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether generated statements may allocate, so that a method's Javadoc promises "allocates
 * nothing" only where that is true: no array is created (a tape, a cell, an adjoint array, the
 * method's own arrays), no helper that copies is called, and no callee's form is called that
 * allocates, as its own generation decided ({@link CalleeAllocation}).
 */
final class Allocations {

  /** The generated helpers that create arrays. */
  private static final Set<String> ALLOCATING_HELPERS =
      Set.of(Tapes.PUSH, "zerosLike", "deepCopy", "clone", "copyOf", "toFloats");

  /**
   * True if running {@code statements} may allocate, where pushing on the tapes {@code held}
   * does not count: they are a workspace's, which keeps what {@code push} grew them to, so they
   * stop growing once the workspace has served a call as large.
   *
   * @param callees what a call of a callee's pullback or accumulating form allocates
   */
  static boolean mayAllocate(
      List<Stmt> statements, Set<String> held, Function<Expr.Call, CalleeAllocation> callees) {
    return new Allocations(held, callees).anyMayAllocate(statements);
  }

  private final Set<String> held;
  private final Function<Expr.Call, CalleeAllocation> callees;

  private Allocations(Set<String> held, Function<Expr.Call, CalleeAllocation> callees) {
    this.held = held;
    this.callees = callees;
  }

  private boolean anyMayAllocate(List<Stmt> statements) {
    for (Stmt s : statements) {
      if (mayAllocate(s)) {
        return true;
      }
    }
    return false;
  }

  private boolean mayAllocate(Stmt s) {
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
      return mayAllocate(i.condition()) || anyMayAllocate(i.then()) || anyMayAllocate(i.otherwise());
    }
    if (s instanceof Stmt.Loop l) {
      return anyMayAllocate(l.init()) || mayAllocate(l.condition()) || anyMayAllocate(l.update())
          || anyMayAllocate(l.body());
    }
    if (s instanceof Stmt.Block b) {
      return anyMayAllocate(b.body());
    }
    if (s instanceof Stmt.Labeled l) {
      return mayAllocate(l.statement());
    }
    if (s instanceof Stmt.Eval e) {
      return mayAllocate(e.call());
    }
    return false;
  }

  private boolean mayAllocate(Expr e) {
    if (e instanceof Expr.NewArray || e instanceof Expr.NewRecord) {
      return true;
    }
    if (e instanceof Expr.Call c
        && Tapes.isPush(c)
        && c.args().get(0) instanceof Expr.Var tape
        && held.contains(tape.name())) {
      return c.args().subList(1, c.args().size()).stream().anyMatch(this::mayAllocate);
    }
    if (e instanceof Expr.Call c && ALLOCATING_HELPERS.contains(c.name())) {
      return true;
    }
    if (e instanceof Expr.Call c
        && (DerivativeNames.isPullback(c.name()) || Preaccumulation.isGradientCall(c))
        && callees.apply(c).allocates(Workspaces.passesHeldWorkspace(c))) {
      // a callee's forms allocate what their own sweeps need, unless given their workspace
      return true;
    }
    for (int k = 0, kids = ExprRewriter.childCount(e); k < kids; k++) {
      Expr child = ExprRewriter.child(e, k);
      if (mayAllocate(child)) {
        return true;
      }
    }
    return false;
  }
}

package io.github.ad4j.core.transform;

import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.ir.Storage;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Liveness over a backward sweep, to find restores whose value nothing reads: the forward sweep
 * then need not save it. Branches join their live sets; a loop's live set at its head is its
 * fixpoint, which one pass over the body reaches.
 */
final class Liveness {

  private final Map<Stmt, Stmt> restoreSites;
  private final Set<Stmt> deadSites;
  private boolean recording;

  /**
   * @param restoreSites the forward assignment each restore statement undoes
   * @param deadSites receives the forward assignments whose restores are dead
   */
  Liveness(Map<Stmt, Stmt> restoreSites, Set<Stmt> deadSites) {
    this.restoreSites = restoreSites;
    this.deadSites = deadSites;
  }

  /** Analyses {@code backward}, with {@code liveAtEnd} live after it. */
  void run(List<Stmt> backward, Set<String> liveAtEnd) {
    recording = true;
    block(backward, new HashSet<>(liveAtEnd));
  }

  /** The live set before {@code stmts}, given {@code live} after them; may reuse {@code live}. */
  private Set<String> block(List<Stmt> stmts, Set<String> live) {
    Set<String> current = live;
    for (int i = stmts.size() - 1; i >= 0; i--) {
      current = statement(stmts.get(i), current);
    }
    return current;
  }

  /**
   * The live set before {@code s}, given {@code live} after it. Updates {@code live} in place
   * where it can: copying it at every statement would make a long method's analysis quadratic.
   */
  private Set<String> statement(Stmt s, Set<String> live) {
    Set<String> out = live;
    if (s instanceof Stmt.Declare d) {
      out.remove(d.name());
      if (d.init() != null) {
        ExprRewriter.variables(d.init(), out);
      }
    } else if (s instanceof Stmt.Assign a) {
      Stmt site = restoreSites.get(a);
      String root = Storage.root(a.target());
      if (site != null && recording && !live.contains(root)) {
        deadSites.add(site);
      }
      if (a.target() instanceof Expr.Var && a.op() == AssignOp.SET) {
        out.remove(root);
      } else if (a.op() == AssignOp.SET) {
        // storing an element reads its indices, not the array's contents: a restore that only
        // other stores follow is dead
        indexVariables(a.target(), out);
      } else {
        ExprRewriter.variables(a.target(), out);
      }
      ExprRewriter.variables(a.value(), out);
    } else if (s instanceof Stmt.Return r) {
      ExprRewriter.variables(r.value(), out);
    } else if (s instanceof Stmt.Eval e) {
      ExprRewriter.variables(e.call(), out);
    } else if (s instanceof Stmt.If i) {
      Set<String> then = block(i.then(), new HashSet<>(live));
      Set<String> otherwise = block(i.otherwise(), new HashSet<>(live));
      out = then;
      out.addAll(otherwise);
      ExprRewriter.variables(i.condition(), out);
    } else if (s instanceof Stmt.Loop l) {
      boolean wasRecording = recording;
      recording = false;
      Set<String> head = live;
      ExprRewriter.variables(l.condition(), head);
      // Every statement's transfer function here has the form f(X) = gen ∪ (X − kill), and so
      // has the body's; the loop head's fixpoint X = head ∪ f(X) is then head ∪ f(head), one
      // pass. Iterating to confirm it would analyse a loop nested d deep 2^d times.
      head.addAll(block(l.body(), new HashSet<>(head)));
      recording = wasRecording;
      if (recording) {
        block(l.body(), new HashSet<>(head)); // again, now with the sets the loop really has
      }
      out = head;
      for (Stmt init : l.init()) {
        if (init instanceof Stmt.Declare d && d.init() != null) {
          ExprRewriter.variables(d.init(), out);
        }
      }
    } else if (s instanceof Stmt.Block b) {
      out = block(b.body(), live);
    }
    return out;
  }

  private static void indexVariables(Expr target, Set<String> into) {
    for (Expr e = target; e instanceof Expr.ArrayAccess access; e = access.array()) {
      ExprRewriter.variables(access.index(), into);
    }
  }
}

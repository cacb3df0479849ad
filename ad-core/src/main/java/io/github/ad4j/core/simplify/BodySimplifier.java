package io.github.ad4j.core.simplify;

import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.ir.Statements;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.ir.Storage;
import io.github.ad4j.core.transform.DerivativeMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Simplifies a generated method's body: folds every expression of the backward sweep (the
 * forward sweep is the user's code and stays as written), then removes dead code, the statements
 * whose result nothing the method hands back depends on (adjoints of inputs not asked for, saved
 * values no adjoint reads, the value itself in a partial), then the comments left heading
 * nothing; last, where {@link LoopFusion} proves it changes no result, runs the backward sweep's
 * loop inside the forward sweep's, and where {@link LoopOrder} proves it, runs a backward loop
 * upwards.
 */
public final class BodySimplifier {

  private static final String FORWARD_HEADER = "Forward sweep";
  private static final String BACKWARD_HEADER = "Backward sweep";
  private static final String FUSED_HEADER = "Forward and backward sweeps in one loop";

  /** Arrays the caller sees: writes into them are never dead. */
  private final Set<String> visible = new HashSet<>();

  /** What is live at the current point, walking backwards. */
  private Set<String> live = new HashSet<>();

  /** Variables a kept statement after the current point assigns. */
  private final Set<String> assignedLater = new HashSet<>();

  /** The calls that write into arrays: kept whatever their values. */
  private final Predicate<Expr.Call> writers;

  private BodySimplifier(List<Param> params, Predicate<Expr.Call> writers) {
    params.forEach(p -> visible.add(p.name()));
    this.writers = writers;
  }

  /** The final body of {@code method}, which calls no method that writes into arrays. */
  public static List<Stmt> simplify(DerivativeMethod method) {
    return simplify(method, call -> false);
  }

  /**
   * The final body of {@code method}.
   *
   * @param writers the calls that write into arrays, kept whatever their values
   */
  public static List<Stmt> simplify(DerivativeMethod method, Predicate<Expr.Call> writers) {
    ExprSimplifier simplifier = new ExprSimplifier(method.variables());
    // The forward sweep is the user's code, kept as written: reassociating it would change the
    // value's last bits, and fGradient(x).value() must equal f(x) exactly.
    List<Stmt> forward = method.forward();
    List<Stmt> backward = simplifyAll(method.backward(), simplifier);
    List<Stmt> tail = simplifyAll(method.tail(), simplifier);
    Map<Expr, Expr> constants = constantAdjoints(backward, tail);
    if (!constants.isEmpty()) {
      backward = simplifyAll(substitute(backward, constants), simplifier);
      tail = simplifyAll(substitute(tail, constants), simplifier);
    }

    List<Stmt> all = new ArrayList<>(forward);
    all.addAll(backward);
    all.addAll(tail);
    BodySimplifier dce = new BodySimplifier(method.params(), writers);
    for (Stmt stmt : all) {
      // an adjoint array that is the caller's accumulator under another name
      if (stmt instanceof Stmt.Declare d
          && d.type().dimensions() > 0
          && d.init() instanceof Expr.Var v
          && dce.visible.contains(v.name())) {
        dce.visible.add(d.name());
      }
    }
    List<Stmt> live = dce.eliminateDeadCode(all);

    int forwardEnd = forward.size();
    int backwardEnd = forwardEnd + backward.size();
    List<Stmt> liveForward = survivors(live.subList(0, forwardEnd));
    List<Stmt> liveBackward = dropEmptyComments(survivors(live.subList(forwardEnd, backwardEnd)));
    List<Stmt> liveTail = survivors(live.subList(backwardEnd, live.size()));

    List<Stmt> body = new ArrayList<>();
    boolean headers = !liveForward.isEmpty() && !liveBackward.isEmpty();
    // A sum over a loop: the backward loop can run inside the forward one, one pass over the data
    // instead of two, where LoopFusion proves its trips independent. Done last, on the final
    // statements, since dead code and constant adjoints decide what the trips read.
    Optional<LoopFusion.Fused> fused =
        headers ? LoopFusion.fuse(liveForward, liveBackward, simplifier, names(method))
            : Optional.empty();
    if (fused.isPresent()) {
      LoopFusion.Fused sweeps = fused.get();
      // fused, the adjoints of a trip are added where the trip computes its terms
      sweeps = new LoopFusion.Fused(
          sweeps.forward(), Accumulations.merge(sweeps.fused(), simplifier), sweeps.backward());
      if (!sweeps.forward().isEmpty()) {
        body.add(new Stmt.Comment(FORWARD_HEADER));
        body.addAll(sweeps.forward());
      }
      body.add(new Stmt.Comment(FUSED_HEADER));
      body.addAll(sweeps.fused());
      if (!sweeps.backward().isEmpty()) {
        body.add(new Stmt.Comment(BACKWARD_HEADER));
        body.addAll(LoopOrder.ascending(sweeps.backward()));
      }
      body.addAll(liveTail);
      return body;
    }
    if (headers) {
      body.add(new Stmt.Comment(FORWARD_HEADER));
    }
    body.addAll(liveForward);
    if (headers) {
      body.add(new Stmt.Comment(BACKWARD_HEADER));
    }
    body.addAll(LoopOrder.ascending(Accumulations.merge(liveBackward, simplifier)));
    body.addAll(liveTail);
    return body;
  }

  /** Every name the method's variables and parameters take. */
  private static Set<String> names(DerivativeMethod method) {
    Set<String> names = new HashSet<>(method.variables().keySet());
    method.params().forEach(p -> names.add(p.name()));
    return names;
  }

  /** A declaration or assignment that came from the source: generated ones have no origin. */
  private static boolean isUserCode(Stmt stmt) {
    return (stmt instanceof Stmt.Declare d && d.origin() != null)
        || (stmt instanceof Stmt.Assign a && a.origin() != null);
  }

  private static List<Stmt> simplifyAll(List<Stmt> stmts, ExprSimplifier simplifier) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt stmt : stmts) {
      if (isUserCode(stmt)) {
        // the user's own statement (a pushforward interleaves them with their tangents): kept as
        // written, for the same reasons as the forward sweep, and so that float arithmetic stays
        // float
        out.add(stmt);
      } else if (stmt instanceof Stmt.Declare d) {
        out.add(
            new Stmt.Declare(
                d.type(), d.name(), d.init() == null ? null : simplifier.simplify(d.init()), d.origin()));
      } else if (stmt instanceof Stmt.Assign a) {
        Stmt assign = compound(a, simplifier);
        if (assign != null) {
          out.add(assign);
        }
      } else if (stmt instanceof Stmt.Return r) {
        out.add(new Stmt.Return(simplifier.simplify(r.value()), r.origin()));
      } else if (stmt instanceof Stmt.Eval e) {
        out.add(new Stmt.Eval((Expr.Call) simplifier.simplify(e.call()), e.origin()));
      } else if (stmt instanceof Stmt.If i) {
        out.add(
            new Stmt.If(
                simplifier.simplify(i.condition()),
                simplifyAll(i.then(), simplifier),
                simplifyAll(i.otherwise(), simplifier),
                i.origin()));
      } else if (stmt instanceof Stmt.Loop l) {
        out.add(
            new Stmt.Loop(
                l.kind(),
                simplifyAll(l.init(), simplifier),
                simplifier.simplify(l.condition()),
                simplifyAll(l.update(), simplifier),
                simplifyAll(l.body(), simplifier),
                l.origin()));
      } else if (stmt instanceof Stmt.Block b) {
        out.add(new Stmt.Block(simplifyAll(b.body(), simplifier)));
      } else {
        out.add(stmt);
      }
    }
    return out;
  }

  /**
   * The assignment simplified, in the compound form a person writes ({@code dt = 2 * dt * t}
   * becomes {@code dt *= 2 * t}), or null where it does nothing ({@code x += 0}, {@code x = x}).
   */
  private static Stmt compound(Stmt.Assign a, ExprSimplifier simplifier) {
    Expr target = simplifier.simplify(a.target());
    Expr value = simplifier.simplify(a.value());
    AssignOp op = a.op();
    if (op == AssignOp.SET && value.equals(target) && !hasStep(target)) {
      return null;
    }
    if (op == AssignOp.SET && simplifier.isFloatingProduct(value)) {
      Monomial m = Monomial.of(value, simplifier);
      if (m.hasSingleFactor(target)) {
        op = AssignOp.MULTIPLY;
        value = m.without(target).toExpr(simplifier, true);
      }
    }
    if (value instanceof Expr.Literal l
        && l.type().equals(JType.DOUBLE)
        && simplifier.isFloatingValue(target)
        && l.value() == Math.rint(l.value())
        && Math.abs(l.value()) < 1 << 30) {
      value = Expr.Literal.ofInt((int) l.value()); // dx += 3, not 3.0: the target is a double
    }
    return isIdentity(op, value) ? null : new Stmt.Assign(target, op, value, a.origin());
  }

  /**
   * Adjoints the backward sweep declares as a constant at its top level and never changes
   * ({@code double dz = 1.0} for {@code return z + w}), to substitute into the statements that
   * read them.
   */
  private static Map<Expr, Expr> constantAdjoints(List<Stmt> backward, List<Stmt> tail) {
    Set<String> assigned = new HashSet<>();
    for (Stmt stmt : backward) {
      Statements.assigned(stmt, assigned);
    }
    for (Stmt stmt : tail) {
      Statements.assigned(stmt, assigned);
    }
    Map<Expr, Expr> constants = new HashMap<>();
    for (Stmt stmt : backward) {
      if (stmt instanceof Stmt.Declare d
          && d.init() instanceof Expr.Literal
          && d.type().dimensions() == 0
          && !assigned.contains(d.name())) {
        constants.put(new Expr.Var(d.name()), d.init());
      }
    }
    return constants;
  }

  private static List<Stmt> substitute(List<Stmt> stmts, Map<Expr, Expr> constants) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt stmt : stmts) {
      if (stmt instanceof Stmt.Declare d && d.init() != null) {
        if (!constants.containsKey(new Expr.Var(d.name()))) {
          out.add(
              new Stmt.Declare(
                  d.type(), d.name(), ExprRewriter.substitute(d.init(), constants), d.origin()));
        }
      } else if (stmt instanceof Stmt.Assign a) {
        out.add(
            new Stmt.Assign(
                a.target(), a.op(), ExprRewriter.substitute(a.value(), constants), a.origin()));
      } else if (stmt instanceof Stmt.Return r) {
        out.add(new Stmt.Return(ExprRewriter.substitute(r.value(), constants), r.origin()));
      } else if (stmt instanceof Stmt.Eval e) {
        out.add(
            new Stmt.Eval((Expr.Call) ExprRewriter.substitute(e.call(), constants), e.origin()));
      } else {
        out.add(Statements.mapBlocks(stmt, block -> substitute(block, constants)));
      }
    }
    return out;
  }

  /** {@code x += 0} and {@code x *= 1} do nothing. */
  private static boolean isIdentity(AssignOp op, Expr value) {
    if (!(value instanceof Expr.Literal l) || !l.type().isNumeric()) {
      return false;
    }
    return ((op == AssignOp.ADD || op == AssignOp.SUBTRACT) && l.isZero())
        || ((op == AssignOp.MULTIPLY || op == AssignOp.DIVIDE) && l.isOne());
  }

  // ---- dead code -------------------------------------------------------------------------

  /**
   * Liveness from the end, through branches and loops (a loop to its fixpoint): a statement
   * stays if it assigns a variable read later, writes an element of an array that is read later
   * or that the caller sees, moves a tape, or returns. A declaration whose value is dead but
   * whose variable is assigned later loses only its initializer. The result has the input's
   * positions, null where a statement went.
   */
  private List<Stmt> eliminateDeadCode(List<Stmt> stmts) {
    List<Stmt> kept = new ArrayList<>(stmts);
    for (int i = stmts.size() - 1; i >= 0; i--) {
      kept.set(i, prune(stmts.get(i)));
    }
    return kept;
  }

  private List<Stmt> pruneBlock(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>();
    for (int i = block.size() - 1; i >= 0; i--) {
      Stmt kept = prune(block.get(i));
      if (kept != null) {
        out.add(0, kept);
      }
    }
    return out;
  }

  private Stmt prune(Stmt stmt) {
    if (stmt instanceof Stmt.Return r) {
      ExprRewriter.variables(r.value(), live);
      return r;
    }
    if (stmt instanceof Stmt.Eval e) {
      // a pullback writes into the arrays it is given: they, and what it reads, stay live
      ExprRewriter.variables(e.call(), live);
      return e;
    }
    if (stmt instanceof Stmt.Comment) {
      return stmt;
    }
    if (stmt instanceof Stmt.Declare d) {
      boolean sideEffect = d.init() != null && hasSideEffect(d.init());
      if (live.remove(d.name()) || sideEffect) {
        if (d.init() != null) {
          ExprRewriter.variables(d.init(), live);
        }
        return d;
      }
      if (assignedLater.contains(d.name())) {
        return new Stmt.Declare(d.type(), d.name(), null, d.origin());
      }
      return null;
    }
    if (stmt instanceof Stmt.Assign a) {
      String root = Storage.root(a.target());
      boolean element = a.target() instanceof Expr.ArrayAccess;
      boolean needed =
          live.contains(root)
              || (element && visible.contains(root))
              || hasSideEffect(a.value())
              || hasSideEffect(a.target());
      if (!needed) {
        return null;
      }
      if (element) {
        ExprRewriter.variables(a.target(), live); // the array and its indices
      } else if (a.op() == AssignOp.SET) {
        live.remove(root);
      }
      assignedLater.add(root);
      ExprRewriter.variables(a.value(), live);
      return a;
    }
    if (stmt instanceof Stmt.If i) {
      Set<String> after = new HashSet<>(live);
      List<Stmt> then = pruneBlock(i.then());
      Set<String> liveThen = live;
      live = new HashSet<>(after);
      List<Stmt> otherwise = pruneBlock(i.otherwise());
      live.addAll(liveThen);
      if (then.isEmpty() && otherwise.isEmpty()) {
        live = after;
        return null;
      }
      ExprRewriter.variables(i.condition(), live);
      return new Stmt.If(i.condition(), then, otherwise, i.origin());
    }
    if (stmt instanceof Stmt.Loop l) {
      Set<String> after = new HashSet<>(live);
      Set<String> head = new HashSet<>(after);
      ExprRewriter.variables(l.condition(), head);
      List<Stmt> body;
      while (true) {
        live = new HashSet<>(head);
        for (Stmt u : l.update()) {
          readsAndWrites(u, live);
        }
        body = pruneBlock(l.body());
        Set<String> next = new HashSet<>(head);
        next.addAll(live);
        if (next.equals(head)) {
          break;
        }
        head = next;
      }
      if (body.stream().allMatch(b -> b instanceof Stmt.Comment)) {
        // nothing left but the comments that headed what was dead
        live = after;
        return null;
      }
      live = head;
      for (Stmt s : l.init()) {
        readsAndWrites(s, live);
      }
      for (Stmt s : l.update()) {
        readsAndWrites(s, live);
      }
      return new Stmt.Loop(l.kind(), l.init(), l.condition(), l.update(), body, l.origin());
    }
    if (stmt instanceof Stmt.Block b) {
      List<Stmt> body = pruneBlock(b.body());
      return body.isEmpty() ? null : new Stmt.Block(body);
    }
    return stmt;
  }

  private void readsAndWrites(Stmt s, Set<String> into) {
    if (s instanceof Stmt.Declare d && d.init() != null) {
      ExprRewriter.variables(d.init(), into);
    } else if (s instanceof Stmt.Assign a) {
      ExprRewriter.variables(a.target(), into);
      ExprRewriter.variables(a.value(), into);
      assignedLater.add(Storage.root(a.target()));
    }
  }

  /** Whether evaluating {@code e} changes something: a tape's top ({@code tTop++}). */
  private boolean hasSideEffect(Expr e) {
    if (e instanceof Expr.Step || (e instanceof Expr.Call c && writers.test(c))) {
      return true;
    }
    for (int k = 0, kids = ExprRewriter.childCount(e); k < kids; k++) {
      Expr child = ExprRewriter.child(e, k);
      if (hasSideEffect(child)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasStep(Expr e) {
    return e instanceof Expr.Step || ExprRewriter.anyChild(e, BodySimplifier::hasStep);
  }

  private static List<Stmt> survivors(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt stmt : stmts) {
      if (stmt != null) {
        out.add(stmt);
      }
    }
    return out;
  }

  /** Comments head the statements after them; one with none left goes too. */
  private static List<Stmt> dropEmptyComments(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < stmts.size(); i++) {
      Stmt stmt = stmts.get(i);
      // a statement's comment is followed by its own adjoint code, never by a branch or a loop
      // (those are the reversals of the source's own, which get no comment): where one follows,
      // the statement's code was all removed
      boolean headsNothing =
          stmt instanceof Stmt.Comment
              && (i + 1 == stmts.size()
                  || stmts.get(i + 1) instanceof Stmt.Comment
                  || stmts.get(i + 1) instanceof Stmt.If
                  || stmts.get(i + 1) instanceof Stmt.Loop
                  || stmts.get(i + 1) instanceof Stmt.Labeled);
      if (!headsNothing) {
        out.add(Statements.mapBlocks(stmt, BodySimplifier::dropEmptyComments));
      }
    }
    return out;
  }
}

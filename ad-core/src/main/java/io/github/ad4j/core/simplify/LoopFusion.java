package io.github.ad4j.core.simplify;

import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Statements;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.ir.StmtRewriter;
import io.github.ad4j.core.ir.Storage;
import io.github.ad4j.core.normalise.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the backward sweep's loop inside the forward sweep's loop it reverses, where that cannot
 * change what either computes, so that the gradient of a sum over a loop takes one pass over the
 * data, as a hand-written adjoint does, instead of two.
 *
 * <p>The backward loop may run forwards, trip by trip after the forward trip of the same index,
 * when its trips are independent of one another and of everything the forward sweep does after
 * its loop. This class fuses the two only where it proves that on the simplified statements:
 *
 * <ul>
 *   <li>each sweep has exactly one loop at its top level, the forward one a counted loop {@code
 *       for (int i = a; i + k < b; i++)} ({@code <} or {@code <=}, k a constant, possibly none)
 *       whose body never assigns {@code i}, and the backward one its reverse {@code for (int i =
 *       b - k - 1; i >= a; i--)}: the same indices, checked by simplifying both bounds, not by
 *       reading a trip counter the forward loop keeps;
 *   <li>the forward loop, and the forward statements after it, write no array element (no tape,
 *       and nothing another trip or an alias could read), call nothing but {@code Math}, and
 *       assign nothing the backward loop reads (so it reads no accumulator such as {@code s}, only
 *       values that stay as they were, such as the parameters and the loop index);
 *   <li>the backward loop's body is straight-line code that declares scalars, assigns only them,
 *       and otherwise only adds into array elements ({@code dx[i] += ...}) or variables ({@code
 *       da += ...}, a scalar parameter's adjoint, a one-element array as far as this goes)
 *       declared outside it, which nothing else in the two loops or after the forward loop reads:
 *       trips then commute, and only the rounding of the sums can change; it moves no tape
 *       ({@code tTape[--tTop]}) and calls nothing but {@code Math};
 *   <li>the backward statements before its loop (the adjoint arrays, the seed's way down to the
 *       loop, {@code double ds = seed}) read nothing the forward loop or the statements after it
 *       write, and assign nothing they read: they can run before the forward loop. For {@code
 *       return s * s}, {@code ds = 2 * s * seed} reads {@code s} and nothing is fused.
 * </ul>
 *
 * <p>A local the backward trip computes again ({@code double t = x[i + 1] - x[i] * x[i]}) is the
 * forward trip's own where the forward body declares it at its top level with the same type and
 * expression and never assigns it again: the fused body reads the forward trip's. Any other local
 * of the backward body whose name the forward body uses gets a fresh name.
 *
 * <p>As everywhere in the generated code, a caller's accumulator is taken to be an array of its
 * own, not one of the arguments: after fusion the backward trips add into it while the forward
 * loop still reads the arguments, as before they added into it while the backward loop read them.
 */
final class LoopFusion {

  /**
   * The sweeps of a method after fusion, in the order they run.
   *
   * @param forward the forward sweep before its loop, as it was
   * @param fused the backward statements hoisted before the loop, the fused loop, then the forward
   *     statements after it
   * @param backward the backward sweep after its loop, as it was
   */
  record Fused(List<Stmt> forward, List<Stmt> fused, List<Stmt> backward) {
    Fused {
      forward = List.copyOf(forward);
      fused = List.copyOf(fused);
      backward = List.copyOf(backward);
    }
  }

  private final ExprSimplifier simplifier;
  private final Names names;

  private LoopFusion(ExprSimplifier simplifier, Set<String> namesInUse) {
    this.simplifier = simplifier;
    this.names = new Names(namesInUse);
  }

  /**
   * The sweeps with the backward loop fused into the forward loop, or empty where the conditions
   * above do not all hold.
   *
   * @param forward the simplified forward sweep
   * @param backward the simplified backward sweep
   * @param simplifier the method's simplifier, to compare loop bounds and recomputed values
   * @param namesInUse every name the method uses, which fresh names must avoid
   */
  static Optional<Fused> fuse(
      List<Stmt> forward, List<Stmt> backward, ExprSimplifier simplifier, Set<String> namesInUse) {
    int f = onlyLoop(forward);
    int b = onlyLoop(backward);
    if (f < 0 || b < 0) {
      return Optional.empty(); // most methods: nothing to fuse, so no names to collect
    }
    Set<String> taken = new HashSet<>(namesInUse);
    forward.forEach(s -> Effects.of(s).addNames(taken));
    backward.forEach(s -> Effects.of(s).addNames(taken));
    return new LoopFusion(simplifier, taken).tryFuse(forward, f, backward, b);
  }

  /** The fusion of the loop at {@code f} of {@code forward} with that at {@code b}. */
  private Optional<Fused> tryFuse(List<Stmt> forward, int f, List<Stmt> backward, int b) {
    Stmt.Loop forwardLoop = (Stmt.Loop) forward.get(f);
    Stmt.Loop backwardLoop = (Stmt.Loop) backward.get(b);
    if (forwardLoop.origin() == null || !forwardLoop.origin().equals(backwardLoop.origin())) {
      return Optional.empty(); // not the reverse of this loop
    }
    String index = sameIndices(forwardLoop, backwardLoop);
    if (index == null) {
      return Optional.empty();
    }
    List<Stmt> hoisted = backward.subList(0, b);
    List<Stmt> forwardAfter = forward.subList(f + 1, forward.size());

    // what the backward loop now runs before: the forward loop and the forward statements after it
    Effects passed = Effects.of(forwardLoop);
    forwardAfter.forEach(s -> passed.add(Effects.of(s)));
    if (!passed.elementWrites.isEmpty() || !passed.pure) {
      return Optional.empty();
    }
    Set<String> passedWrites = new HashSet<>(passed.writes);
    passedWrites.addAll(passed.declared);

    // the backward statements before the loop move before the forward loop
    Effects before = new Effects();
    for (Stmt s : hoisted) {
      if (!(s instanceof Stmt.Comment || s instanceof Stmt.Declare
          || (s instanceof Stmt.Assign a && a.target() instanceof Expr.Var))) {
        return Optional.empty();
      }
      before.add(Effects.of(s));
    }
    Set<String> beforeWrites = new HashSet<>(before.writes);
    beforeWrites.addAll(before.declared);
    if (!before.pure
        || intersects(before.readsAll(), passedWrites)
        || intersects(beforeWrites, passed.readsAll())
        || intersects(beforeWrites, passedWrites)) {
      return Optional.empty();
    }

    // the backward loop: its trips commute, and it reads nothing the forward loop changes
    Set<String> own = new HashSet<>();
    own.add(index);
    Set<String> accumulated = new HashSet<>();
    Effects trip = Effects.of(backwardLoop);
    for (Stmt s : backwardLoop.body()) {
      if (s instanceof Stmt.Declare d && d.type().dimensions() == 0) {
        own.add(d.name());
      } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v
          && own.contains(v.name())) {
        if (v.name().equals(index)) {
          return Optional.empty();
        }
      } else if (s instanceof Stmt.Assign a) {
        // a variable or array declared outside the loop: only sums into it commute
        String root = Storage.root(a.target());
        if ((a.op() != AssignOp.ADD && a.op() != AssignOp.SUBTRACT) || own.contains(root)) {
          return Optional.empty();
        }
        accumulated.add(root);
      } else if (!(s instanceof Stmt.Comment)) {
        return Optional.empty(); // branches, nested loops, calls: not straight-line
      }
    }
    Set<String> external = trip.readsAll();
    external.removeAll(own);
    if (!trip.pure
        || intersects(external, passedWrites)
        || intersects(accumulated, trip.reads)
        || intersects(accumulated, passed.readsAll())
        || intersects(accumulated, passedWrites)) {
      return Optional.empty();
    }

    List<Stmt> body = new ArrayList<>(forwardLoop.body());
    body.addAll(merged(forwardLoop, backwardLoop.body()));
    List<Stmt> fused = new ArrayList<>(hoisted);
    fused.add(
        new Stmt.Loop(
            forwardLoop.kind(), forwardLoop.init(), forwardLoop.condition(), forwardLoop.update(),
            body, forwardLoop.origin()));
    fused.addAll(forwardAfter);
    return Optional.of(
        new Fused(forward.subList(0, f), fused, backward.subList(b + 1, backward.size())));
  }

  /** The position of the only loop at the top level of {@code block}; -1 if none or several. */
  private static int onlyLoop(List<Stmt> block) {
    int found = -1;
    for (int k = 0; k < block.size(); k++) {
      if (block.get(k) instanceof Stmt.Loop) {
        if (found >= 0) {
          return -1;
        }
        found = k;
      }
    }
    return found;
  }

  /**
   * The index of {@code forward} where it is a counted loop {@code for (int i = a; i + k < b;
   * i++)} and {@code backward} runs {@code i} from its last value down to {@code a}; null
   * otherwise.
   */
  private String sameIndices(Stmt.Loop forward, Stmt.Loop backward) {
    if (forward.kind() != Stmt.LoopKind.FOR
        || backward.kind() != Stmt.LoopKind.FOR
        || forward.init().size() != 1
        || !(forward.init().get(0) instanceof Stmt.Declare start)
        || !start.type().equals(JType.INT)
        || start.init() == null
        || backward.init().size() != 1
        || !(backward.init().get(0) instanceof Stmt.Declare last)
        || !last.name().equals(start.name())
        || last.init() == null
        || !LoopOrder.isStep(forward.update(), start.name(), AssignOp.ADD)
        || !LoopOrder.isStep(backward.update(), start.name(), AssignOp.SUBTRACT)
        || !(forward.condition() instanceof Expr.Binary bound)
        || (bound.op() != BinaryOp.LESS && bound.op() != BinaryOp.LESS_EQUALS)
        || !(backward.condition() instanceof Expr.Binary down)
        || down.op() != BinaryOp.GREATER_EQUALS
        || !down.left().equals(new Expr.Var(start.name()))) {
      return null;
    }
    Expr.Var i = new Expr.Var(start.name());
    long offset;
    if (bound.left().equals(i)) {
      offset = 0;
    } else if (bound.left() instanceof Expr.Binary sum
        && sum.op() == BinaryOp.ADD
        && sum.left().equals(i)
        && sum.right() instanceof Expr.Literal k
        && k.type().equals(JType.INT)) {
      offset = k.integral();
    } else {
      return null;
    }
    Set<String> boundReads = new HashSet<>();
    ExprRewriter.variables(start.init(), boundReads);
    ExprRewriter.variables(bound.right(), boundReads);
    Set<String> assigned = new HashSet<>();
    forward.body().forEach(s -> Statements.assigned(s, assigned));
    if (boundReads.contains(i.name()) || assigned.contains(i.name())
        || intersects(boundReads, assigned)) {
      return null; // the forward loop's indices are not a fixed range
    }
    long less = offset + (bound.op() == BinaryOp.LESS ? 1 : 0);
    Expr expectedLast =
        less == 0
            ? bound.right()
            : new Expr.Binary(BinaryOp.SUBTRACT, bound.right(), Expr.Literal.ofInt((int) less));
    boolean sameFirst = same(down.right(), start.init());
    boolean sameLast = same(last.init(), expectedLast);
    return sameFirst && sameLast ? i.name() : null;
  }

  /** Whether two expressions are the same once simplified alike. */
  private boolean same(Expr a, Expr b) {
    return a.equals(b) || simplifier.simplify(a).equals(simplifier.simplify(b));
  }

  /**
   * The backward trip's statements as they run after the forward trip's: a local the forward body
   * computes alike is read from there; any other whose name the forward body declares is
   * renamed.
   */
  private List<Stmt> merged(Stmt.Loop forwardLoop, List<Stmt> backwardBody) {
    Map<String, Stmt.Declare> forwardLocals = new HashMap<>();
    for (Stmt s : forwardLoop.body()) {
      if (s instanceof Stmt.Declare d) {
        forwardLocals.put(d.name(), d);
      }
    }
    Set<String> assignedForward = new HashSet<>();
    forwardLoop.body().forEach(s -> Statements.assigned(s, assignedForward));
    Set<String> assignedBackward = new HashSet<>();
    backwardBody.forEach(s -> Statements.assigned(s, assignedBackward));

    List<Stmt> rest = new ArrayList<>(backwardBody);
    List<Stmt> out = new ArrayList<>();
    while (!rest.isEmpty()) {
      Stmt s = rest.remove(0);
      if (!(s instanceof Stmt.Declare d) || !forwardLocals.containsKey(d.name())) {
        out.add(s);
        continue;
      }
      Stmt.Declare mine = forwardLocals.get(d.name());
      boolean reuse =
          mine.type().equals(d.type())
              && mine.init() != null
              && d.init() != null
              && same(mine.init(), d.init())
              && !assignedForward.contains(d.name())
              && !assignedBackward.contains(d.name());
      if (reuse) {
        continue; // the forward trip's value, the same expression of the same unchanged operands
      }
      String fresh = names.fresh(d.name());
      Map<Expr, Expr> rename = Map.of(new Expr.Var(d.name()), new Expr.Var(fresh));
      out.add(new Stmt.Declare(d.type(), fresh, d.init(), d.origin()));
      List<Stmt> renamed = StmtRewriter.substitute(rest, rename);
      rest.clear();
      rest.addAll(renamed);
    }
    return out;
  }

  private static boolean intersects(Set<String> a, Set<String> b) {
    for (String name : a) {
      if (b.contains(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * What statements read and write. An array whose length alone is read ({@code x.length}) is
   * read only if the variable itself is reassigned: writing its elements does not change it.
   */
  private static final class Effects {
    /** Variables read, arrays whose elements are read included. */
    final Set<String> reads = new HashSet<>();
    /** Variables read only through {@code .length}. */
    final Set<String> lengths = new HashSet<>();
    /** Variables assigned as a whole. */
    final Set<String> writes = new HashSet<>();
    /** Arrays an element of which is assigned. */
    final Set<String> elementWrites = new HashSet<>();
    /** Variables declared. */
    final Set<String> declared = new HashSet<>();
    /** No tape moves, no calls but {@code Math}'s, no jumps or returns. */
    boolean pure = true;

    static Effects of(Stmt s) {
      Effects e = new Effects();
      e.visit(s);
      return e;
    }

    /** Variables read, through {@code .length} or otherwise. */
    Set<String> readsAll() {
      Set<String> all = new HashSet<>(reads);
      all.addAll(lengths);
      return all;
    }

    void add(Effects other) {
      reads.addAll(other.reads);
      lengths.addAll(other.lengths);
      writes.addAll(other.writes);
      elementWrites.addAll(other.elementWrites);
      declared.addAll(other.declared);
      pure &= other.pure;
    }

    void addNames(Set<String> into) {
      into.addAll(reads);
      into.addAll(lengths);
      into.addAll(writes);
      into.addAll(elementWrites);
      into.addAll(declared);
    }

    private void visit(Stmt s) {
      if (s instanceof Stmt.Declare d) {
        declared.add(d.name());
        read(d.init());
      } else if (s instanceof Stmt.Assign a) {
        if (a.target() instanceof Expr.Var v) {
          writes.add(v.name());
        } else {
          Expr e = a.target();
          while (e instanceof Expr.ArrayAccess access) {
            read(access.index());
            e = access.array();
          }
          if (e instanceof Expr.Var v) {
            elementWrites.add(v.name());
          } else {
            pure = false; // an instance's array field: not a local, so not ours to reason about
          }
        }
        read(a.value());
      } else if (s instanceof Stmt.If i) {
        read(i.condition());
      } else if (s instanceof Stmt.Loop l) {
        read(l.condition());
      } else if (!(s instanceof Stmt.Block || s instanceof Stmt.Comment)) {
        pure = false; // returns, calls made for their effect, jumps
      }
      for (List<Stmt> block : Statements.blocks(s)) {
        block.forEach(this::visit);
      }
    }

    private void read(Expr e) {
      if (e == null) {
        return;
      }
      if (e instanceof Expr.ArrayLength l && l.array() instanceof Expr.Var v) {
        lengths.add(v.name());
        return;
      }
      if (e instanceof Expr.Var v) {
        reads.add(v.name());
      } else if (Statements.hasOpaqueEffect(e)) {
        pure = false;
      }
      for (int k = 0, kids = ExprRewriter.childCount(e); k < kids; k++) {
        Expr child = ExprRewriter.child(e, k);
        read(child);
      }
    }
  }
}

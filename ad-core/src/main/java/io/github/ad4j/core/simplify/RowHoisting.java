package io.github.ad4j.core.simplify;

import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Statements;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.ir.Storage;
import io.github.ad4j.core.ir.StmtRewriter;
import io.github.ad4j.core.ir.Tapes;
import io.github.ad4j.core.normalise.Names;
import io.github.ad4j.core.transform.DerivativeMethod;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the row a loop runs over once, before the loop, as a hand-written adjoint does: {@code
 * for (int k = x[s].length - 1; k >= 0; k--) dw[j][k] += da * x[s][k];} becomes {@code double[]
 * xs = x[s];} and a loop over {@code xs}. With the row in a local the JIT keeps the loop's
 * bound and the row's address in registers and drops the bounds checks; read through {@code
 * x[s]} on every trip of a loop that also stores into an array, it measurably does not (the MLP
 * benchmark's backward sweep ran 20% slower).
 *
 * <p>A row {@code a[e]} is hoisted only where that cannot change what the loop computes or
 * throws:
 *
 * <ul>
 *   <li>reading it early throws nothing it would not have: the loop is a {@code for} or {@code
 *       while} loop whose initialisation or condition reads the row's length, so the row is read
 *       before the first trip anyway (an index out of range throws where it threw before; the
 *       initialisation reads no other array and calls nothing); or the row is {@code a[i]} in the
 *       body of a loop that runs {@code i} over the indices of {@code a} ({@code for (int i = 0;
 *       i < a.length; i++)} or its reverse, assigning neither), where it cannot throw, as in the
 *       logistic loss's {@code for (int j = 0; j < w.length; j++) z += w[j] * x[i][j];};
 *   <li>{@code a} is a local or parameter and the indices are made of locals, constants and
 *       arithmetic, and the loop assigns none of these variables;
 *   <li>the loop stores no row into any array ({@code b[i] = r}, which could be an alias of
 *       {@code a}) and calls no method but {@code Math}'s and the tape's push, which could.
 * </ul>
 *
 * <p>This runs on the final statements of each generated method, after {@link BodySimplifier}:
 * the second-order forms differentiate simplified bodies again, and a row alias there would be
 * one more array for them to follow.
 */
public final class RowHoisting {

  private final Map<String, JType> variables;
  private final Set<String> namesInUse;
  /** The names hoisted in each enclosing block, innermost first: in scope where we are. */
  private final Deque<Set<String>> scopes = new ArrayDeque<>();
  /** Rows {@code a[i]} that cannot throw where we are: an enclosing loop runs i over a. */
  private final Deque<Expr.ArrayAccess> inRange = new ArrayDeque<>();

  private RowHoisting(Map<String, JType> variables, Set<String> namesInUse) {
    this.variables = variables;
    this.namesInUse = namesInUse;
  }

  /** {@code body}, the final statements of {@code method}, with its loops' rows read once. */
  public static List<Stmt> hoist(List<Stmt> body, DerivativeMethod method) {
    if (!Statements.hasLoop(body)) {
      return body; // rows are hoisted before loops only; most methods' forms have none
    }
    Map<String, JType> variables = new HashMap<>(method.variables());
    method.params().forEach(p -> variables.put(p.name(), p.type()));
    Set<String> names = new HashSet<>(variables.keySet());
    Statements.declared(body, names);
    body.forEach(s -> Statements.assigned(s, names));
    return new RowHoisting(variables, names).block(body);
  }

  private List<Stmt> block(List<Stmt> stmts) {
    scopes.push(new HashSet<>());
    List<Stmt> out = new ArrayList<>(stmts.size());
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Loop loop) {
        out.add(loop(loop, out));
      } else if (s instanceof Stmt.Labeled l && l.statement() instanceof Stmt.Loop loop) {
        out.add(new Stmt.Labeled(l.label(), loop(loop, out)));
      } else {
        out.add(nested(s));
      }
    }
    scopes.pop();
    return out;
  }

  /** The loop with its rows read into locals, whose declarations go to {@code before}. */
  private Stmt.Loop loop(Stmt.Loop loop, List<Stmt> before) {
    Stmt.Loop current = loop;
    Set<Expr.ArrayAccess> candidates = rows(loop);
    for (Expr.ArrayAccess row : inRange) {
      if (occursIn(row, loop)) {
        candidates.add(row);
      }
    }
    for (Expr.ArrayAccess row : candidates) {
      if (!invariant(row, current)) {
        continue;
      }
      String name = fresh(row);
      scopes.peek().add(name);
      JType type = elementType(row);
      before.add(new Stmt.Declare(type, name, row, null));
      current = (Stmt.Loop) StmtRewriter.substitute(List.of(current), Map.of(row, new Expr.Var(name))).get(0);
    }
    Expr.ArrayAccess own = rowInRange(current);
    if (own != null) {
      inRange.push(own);
    }
    Stmt.Loop done = (Stmt.Loop) nested(current);
    if (own != null) {
      inRange.pop();
    }
    return done;
  }

  /**
   * The row {@code a[i]} that the loop keeps in range in its body, or null: {@code for (int i =
   * c; i < a.length; i++)} with c a constant ≥ 0, or its reverse {@code for (int i = a.length -
   * k; i >= c; i--)} with k ≥ 1, whose body assigns neither {@code i} nor {@code a}. There
   * {@code a[i]} never throws, so it can be read before an inner loop that may run no trip.
   */
  private Expr.ArrayAccess rowInRange(Stmt.Loop loop) {
    if (loop.kind() != Stmt.LoopKind.FOR
        || loop.init().size() != 1
        || !(loop.init().get(0) instanceof Stmt.Declare d)
        || d.init() == null
        || !d.type().equals(JType.INT)
        || loop.update().size() != 1
        || !(loop.update().get(0) instanceof Stmt.Assign step)
        || !step.target().equals(new Expr.Var(d.name()))
        || !isConstant(step.value(), 1, 1)
        || !(loop.condition() instanceof Expr.Binary c)
        || !c.left().equals(new Expr.Var(d.name()))) {
      return null;
    }
    Expr length;
    if (step.op() == AssignOp.ADD && c.op() == BinaryOp.LESS && isConstant(d.init(), 0, Long.MAX_VALUE)) {
      length = c.right();
    } else if (step.op() == AssignOp.SUBTRACT
        && c.op() == BinaryOp.GREATER_EQUALS
        && isConstant(c.right(), 0, Long.MAX_VALUE)
        && d.init() instanceof Expr.Binary start
        && start.op() == BinaryOp.SUBTRACT
        && isConstant(start.right(), 1, Long.MAX_VALUE)) {
      length = start.left();
    } else {
      return null;
    }
    if (!(length instanceof Expr.ArrayLength l)
        || !(l.array() instanceof Expr.Var array)
        || variables.get(array.name()) == null
        || variables.get(array.name()).dimensions() < 2) {
      return null; // a[i] of a double[] is a value: read early, it would miss writes into a[i]
    }
    Set<String> assigned = assignedVariables(loop.body());
    if (assigned.contains(d.name()) || assigned.contains(array.name())) {
      return null;
    }
    return new Expr.ArrayAccess(array, new Expr.Var(d.name()));
  }

  /** Whether {@code e} is an int constant between {@code low} and {@code high}. */
  private static boolean isConstant(Expr e, long low, long high) {
    return e instanceof Expr.Literal k
        && k.type().equals(JType.INT)
        && k.integral() >= low
        && k.integral() <= high;
  }

  /** The variables {@code stmts} assign as a whole ({@code v = ...}, not {@code v[i] = ...}). */
  private static Set<String> assignedVariables(List<Stmt> stmts) {
    Set<String> assigned = new HashSet<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v) {
        assigned.add(v.name());
      }
      for (List<Stmt> inner : Statements.blocks(s)) {
        assigned.addAll(assignedVariables(inner));
      }
    }
    return assigned;
  }

  /** Whether {@code row} occurs in {@code loop}: its header, body or update. */
  private static boolean occursIn(Expr.ArrayAccess row, Stmt s) {
    if (Statements.expressions(s).stream().anyMatch(e -> ExprRewriter.contains(e, row))) {
      return true;
    }
    for (List<Stmt> inner : Statements.blocks(s)) {
      for (Stmt t : inner) {
        if (occursIn(row, t)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code s} with the loops in its blocks done alike. */
  private Stmt nested(Stmt s) {
    if (s instanceof Stmt.Labeled l) {
      // the labeled statement itself, not a block: rows hoisted before it would split the label
      // from its loop
      return new Stmt.Labeled(l.label(), nested(l.statement()));
    }
    return Statements.mapBlocks(s, this::block);
  }

  /** The rows whose length the loop's initialisation or condition reads, outermost first. */
  private static Set<Expr.ArrayAccess> rows(Stmt.Loop loop) {
    Set<Expr.ArrayAccess> rows = new LinkedHashSet<>();
    if (loop.kind() == Stmt.LoopKind.DO_WHILE) {
      return rows; // the body runs before the condition reads anything
    }
    for (Stmt s : loop.init()) {
      if (!(s instanceof Stmt.Declare d) || d.init() == null) {
        return new LinkedHashSet<>(); // an initialisation that assigns, or declares no value
      }
      lengths(d.init(), rows);
    }
    lengths(loop.condition(), rows);
    return rows;
  }

  private static void lengths(Expr e, Set<Expr.ArrayAccess> into) {
    if (e instanceof Expr.ArrayLength l && l.array() instanceof Expr.ArrayAccess row) {
      into.add(row);
      return;
    }
    for (int k = 0, kids = ExprRewriter.childCount(e); k < kids; k++) {
      Expr child = ExprRewriter.child(e, k);
      lengths(child, into);
    }
  }

  /** Whether {@code row} is the same array on every trip of {@code loop}, and read first. */
  private boolean invariant(Expr.ArrayAccess row, Stmt.Loop loop) {
    Set<String> reads = new HashSet<>();
    Expr e = row;
    while (e instanceof Expr.ArrayAccess access) {
      if (!simpleIndex(access.index())) {
        return false;
      }
      ExprRewriter.variables(access.index(), reads);
      e = access.array();
    }
    if (!(e instanceof Expr.Var root) || !variables.containsKey(root.name())) {
      return false; // an instance's field, say: not ours to reason about
    }
    if (elementType(row).dimensions() == 0) {
      return false; // an element, not a row: its value can change where the row would not
    }
    reads.add(root.name());
    for (Stmt s : loop.init()) {
      if (s instanceof Stmt.Declare d) {
        if (d.init() != null && readsOtherArrays(d.init(), row)) {
          return false; // it could throw before the row is read
        }
        if (reads.contains(d.name())) {
          return false; // for (int r = 0; k < x[r].length; ...): r is the loop's own
        }
      } else if (!(s instanceof Stmt.Assign a) || readsOtherArrays(a.value(), row)) {
        return false;
      }
    }
    List<Stmt> all = new ArrayList<>(loop.init());
    all.addAll(loop.update());
    all.addAll(loop.body());
    for (Stmt s : all) {
      if (storesRowsOrCalls(s)) {
        return false;
      }
    }
    // writing elements of the row (a[i][k] = v) leaves it the same array; rows stores are out
    Set<String> assigned = assignedVariables(all);
    if (!onlyHarmlessCalls(loop.condition())) {
      return false;
    }
    reads.retainAll(assigned);
    return reads.isEmpty();
  }

  /** Locals, constants and arithmetic: nothing that reads an array, calls or moves a tape. */
  private static boolean simpleIndex(Expr index) {
    if (index instanceof Expr.Var || index instanceof Expr.Literal) {
      return true;
    }
    if (index instanceof Expr.Binary || index instanceof Expr.Unary || index instanceof Expr.Cast) {
      return ExprRewriter.allChildren(index, RowHoisting::simpleIndex);
    }
    return false;
  }

  private static boolean readsOtherArrays(Expr e, Expr.ArrayAccess row) {
    if (e.equals(row)) {
      return false;
    }
    if (e instanceof Expr.ArrayAccess || e instanceof Expr.Call || e instanceof Expr.Step) {
      return true;
    }
    return ExprRewriter.anyChild(e, c -> readsOtherArrays(c, row));
  }

  /** Whether {@code s}, or a statement in it, stores a row or calls a method that might. */
  private boolean storesRowsOrCalls(Stmt s) {
    if (s instanceof Stmt.Assign a && a.target() instanceof Expr.ArrayAccess target) {
      JType stored = elementType(target);
      if (stored == null || stored.dimensions() > 0) {
        return true;
      }
    }
    if (s instanceof Stmt.Eval) {
      return true;
    }
    if (!Statements.expressions(s).stream().allMatch(RowHoisting::onlyHarmlessCalls)) {
      return true;
    }
    for (List<Stmt> inner : Statements.blocks(s)) {
      for (Stmt t : inner) {
        if (storesRowsOrCalls(t)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code e} calls only {@code Math}'s functions and the tape's push: none stores a row. */
  private static boolean onlyHarmlessCalls(Expr e) {
    if (e instanceof Expr.Call call
        && !Expr.Call.LIBRARY_OWNERS.contains(call.owner())
        && !Tapes.isPush(call)) {
      return false;
    }
    return ExprRewriter.allChildren(e, RowHoisting::onlyHarmlessCalls);
  }

  /** The type of the element {@code target} assigns; null where its array's type is unknown. */
  private JType elementType(Expr.ArrayAccess target) {
    Expr e = target;
    while (e instanceof Expr.ArrayAccess access) {
      e = access.array();
    }
    JType root = e instanceof Expr.Var v ? variables.get(v.name()) : null;
    return root == null ? null : Storage.elementType(target, root);
  }

  /**
   * A name for {@code row} as a person would write it: {@code xs} for {@code x[s]}, {@code wjk}
   * for {@code w[j][k]}, {@code xRow} where an index is not a plain variable; free in the method
   * and in every enclosing block (sibling blocks may reuse it).
   */
  private String fresh(Expr.ArrayAccess row) {
    StringBuilder indices = new StringBuilder();
    Expr e = row;
    boolean plain = true;
    while (e instanceof Expr.ArrayAccess access) {
      if (access.index() instanceof Expr.Var v) {
        indices.insert(0, v.name());
      } else {
        plain = false;
      }
      e = access.array();
    }
    String base = ((Expr.Var) e).name() + (plain ? indices : "Row");
    Set<String> taken = new HashSet<>(namesInUse);
    scopes.forEach(taken::addAll);
    return new Names(taken).fresh(base);
  }
}

package io.github.ad4j.core.simplify;

import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Statements;
import io.github.ad4j.core.ir.Stmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a backward sweep's loop upwards, as its forward loop runs, where its trips are
 * independent: {@code for (int k = xs.length - 1; k >= 0; k--) { dw[k] += da * xs[k]; }}
 * becomes {@code for (int k = 0; k < xs.length; k++) { ... }}, the loop a person writes (and
 * the direction the JIT unrolls and vectorises best).
 *
 * <p>Trips are independent, so that their order changes nothing, not even the rounding of a sum,
 * where each trip touches its own state alone: every element it writes, and every element of a
 * written array it reads, has the loop's index as its last subscript ({@code dw1[j][k]} in a loop
 * over {@code k}); every scalar it assigns is declared in the body; it declares no array (no row
 * can alias a written one); it moves no tape, calls only {@code Math}, and neither jumps nor
 * returns. So a loop that adds into {@code dx[i]} and {@code dx[i + 1]} (Rosenbrock), sums into a
 * scalar, or pops a tape keeps its downward order.
 */
final class LoopOrder {

  private LoopOrder() {}

  /** {@code block} with each of its downward loops, nested ones included, upwards where it can. */
  static List<Stmt> ascending(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>(block.size());
    for (Stmt s : block) {
      Stmt inner = Statements.mapBlocks(s, LoopOrder::ascending);
      out.add(inner instanceof Stmt.Loop loop ? upwards(loop) : inner);
    }
    return out;
  }

  /**
   * {@code for (int i = a; i < b; i++)} for {@code for (int i = b - 1; i >= a; i--)} whose
   * trips are independent; {@code loop} itself otherwise.
   */
  private static Stmt.Loop upwards(Stmt.Loop loop) {
    if (loop.kind() != Stmt.LoopKind.FOR
        || loop.init().size() != 1
        || !(loop.init().get(0) instanceof Stmt.Declare start)
        || !start.type().equals(JType.INT)
        || start.init() == null
        || !(loop.condition() instanceof Expr.Binary down)
        || down.op() != BinaryOp.GREATER_EQUALS
        || !down.left().equals(new Expr.Var(start.name()))
        || !isStep(loop.update(), start.name(), AssignOp.SUBTRACT)) {
      return loop;
    }
    Trips trips = new Trips(start.name());
    if (!trips.independent(loop.body(), start.init(), down.right())) {
      return loop;
    }
    Expr.Var i = new Expr.Var(start.name());
    Expr last = start.init();
    Expr.Binary condition;
    if (last instanceof Expr.Binary minus
        && minus.op() == BinaryOp.SUBTRACT
        && minus.right() instanceof Expr.Literal k
        && k.type().equals(JType.INT)
        && k.integral() >= 1) {
      // i <= b - 1 is i < b, as the forward loop wrote it
      Expr bound =
          k.integral() == 1
              ? minus.left()
              : new Expr.Binary(
                  BinaryOp.SUBTRACT, minus.left(), Expr.Literal.ofInt((int) k.integral() - 1));
      condition = new Expr.Binary(BinaryOp.LESS, i, bound);
    } else {
      condition = new Expr.Binary(BinaryOp.LESS_EQUALS, i, last);
    }
    return new Stmt.Loop(
        Stmt.LoopKind.FOR,
        List.of(new Stmt.Declare(JType.INT, start.name(), down.right(), start.origin())),
        condition,
        List.of(new Stmt.Assign(i, AssignOp.ADD, Expr.Literal.ofInt(1), null)),
        loop.body(),
        loop.origin());
  }

  /** Whether {@code update} is just {@code index op= 1}. */
  static boolean isStep(List<Stmt> update, String index, AssignOp op) {
    return update.size() == 1
        && update.get(0) instanceof Stmt.Assign a
        && a.target().equals(new Expr.Var(index))
        && a.op() == op
        && a.value() instanceof Expr.Literal one
        && one.type().equals(JType.INT)
        && one.integral() == 1;
  }

  /** What the trips of a loop over {@code index} touch, and whether each touches its own. */
  private static final class Trips {
    private final Expr.Var index;
    private final Set<String> declared = new HashSet<>();
    private final Set<String> assigned = new HashSet<>();
    /** The arrays written, with the number of subscripts they are written with. */
    private final Map<String, Integer> written = new HashMap<>();
    private boolean independent = true;

    Trips(String index) {
      this.index = new Expr.Var(index);
    }

    /** Whether the trips of {@code body}, {@code first} down to {@code last}, are independent. */
    boolean independent(List<Stmt> body, Expr first, Expr last) {
      body.forEach(this::writes);
      if (!independent
          || assigned.contains(index.name())
          || declared.contains(index.name())
          || !declared.containsAll(assigned)) {
        return false; // a scalar carried from trip to trip, or the index moved
      }
      body.forEach(this::reads);
      Set<String> bounds = new HashSet<>();
      ExprRewriter.variables(first, bounds);
      ExprRewriter.variables(last, bounds);
      pure(first);
      pure(last);
      for (String name : bounds) {
        if (assigned.contains(name) || written.containsKey(name) || declared.contains(name)) {
          return false; // the forward loop would read its bound after the body changed it
        }
      }
      return independent;
    }

    /** Records what {@code s} declares and assigns; rules out what a trip may not do. */
    private void writes(Stmt s) {
      if (s instanceof Stmt.Declare d) {
        declared.add(d.name());
        if (d.type().dimensions() > 0) {
          independent = false; // a row or array of its own, which may alias a written one
        }
      } else if (s instanceof Stmt.Assign a) {
        if (a.target() instanceof Expr.Var v) {
          assigned.add(v.name());
        } else {
          List<Expr> subscripts = new ArrayList<>();
          Expr root = chain(a.target(), subscripts);
          if (!(root instanceof Expr.Var array)
              || !subscripts.get(subscripts.size() - 1).equals(index)
              || !written.getOrDefault(array.name(), subscripts.size()).equals(subscripts.size())) {
            independent = false;
          } else {
            written.put(array.name(), subscripts.size());
          }
        }
      } else if (!(s instanceof Stmt.If
          || s instanceof Stmt.Loop
          || s instanceof Stmt.Block
          || s instanceof Stmt.Comment)) {
        independent = false; // a return, a jump, a call made for its effect
      }
      for (List<Stmt> block : Statements.blocks(s)) {
        block.forEach(this::writes);
      }
    }

    /** Checks every expression of {@code s}, those of its blocks included. */
    private void reads(Stmt s) {
      for (Expr e : Statements.expressions(s)) {
        pure(e);
        read(e);
      }
      for (List<Stmt> block : Statements.blocks(s)) {
        block.forEach(this::reads);
      }
    }

    /** A written array is read only at the trip's own elements, or for its length. */
    private void read(Expr e) {
      if (e instanceof Expr.ArrayLength length && length.array() instanceof Expr.Var) {
        return; // writing elements does not change a length
      }
      if (e instanceof Expr.Var v && written.containsKey(v.name())) {
        independent = false; // the array itself, or a row of it, as a value
        return;
      }
      if (e instanceof Expr.ArrayAccess access) {
        List<Expr> subscripts = new ArrayList<>();
        Expr root = chain(access, subscripts);
        if (root instanceof Expr.Var array && written.containsKey(array.name())) {
          if (subscripts.size() != written.get(array.name())
              || !subscripts.get(subscripts.size() - 1).equals(index)) {
            independent = false;
          }
          subscripts.forEach(this::read);
          return;
        }
      }
      for (int k = 0, kids = ExprRewriter.childCount(e); k < kids; k++) {
        Expr child = ExprRewriter.child(e, k);
        read(child);
      }
    }

    /** No tape moves, no method but {@code Math}'s runs. */
    private void pure(Expr e) {
      if (Statements.hasOpaqueEffect(e)) {
        independent = false;
        return;
      }
      for (int k = 0, kids = ExprRewriter.childCount(e); k < kids; k++) {
        Expr child = ExprRewriter.child(e, k);
        pure(child);
      }
    }

    /** The array {@code access} reads from its outermost array, its subscripts outermost first. */
    private static Expr chain(Expr access, List<Expr> subscripts) {
      Expr e = access;
      List<Expr> reversed = new ArrayList<>();
      while (e instanceof Expr.ArrayAccess a) {
        reversed.add(a.index());
        e = a.array();
      }
      for (int k = reversed.size() - 1; k >= 0; k--) {
        subscripts.add(reversed.get(k));
      }
      return e;
    }
  }
}

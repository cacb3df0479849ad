package io.github.ad4j.core.transform;

import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Stmt;
import java.util.List;

/** Counted loops for the bookkeeping around the sweeps: over an index, over whole arrays. */
final class Loops {

  private Loops() {}

  /**
   * {@code for (int i = 0; i < to.length; i++) to[i] op from[i];}, nested for two dimensions.
   *
   * @param toFloat whether each element is narrowed to {@code float} (explicitly: a compound
   *     assignment's silent narrowing is a lint error from JDK 20)
   * @param indices the loop variables to use, outermost first, free in the method
   */
  static Stmt elementwise(
      String to, AssignOp op, String from, int dimensions, List<String> indices, boolean toFloat) {
    return loop(new Expr.Var(to), op, new Expr.Var(from), dimensions, indices, 0, toFloat);
  }

  /**
   * {@code for (int i = 0; i < from.length; i++) to[i] = from[i];}, nested for two dimensions:
   * puts a saved copy back into an array or a row. Bounded by the copy, it reads nothing of
   * {@code to} but the places of its elements.
   */
  static Stmt copyBack(Expr to, Expr from, int dimensions, List<String> indices) {
    return copy(to, from, dimensions, indices, 0);
  }

  /** A copy of an array or row: {@code Arrays.copyOf(w, w.length)}, or a deep copy. */
  static Expr copyOf(Expr array, JType type) {
    return type.dimensions() == 1
        ? new Expr.Call(
            "java.util.Arrays", "copyOf", List.of(array, new Expr.ArrayLength(array)), type)
        : new Expr.Call("", "deepCopy", List.of(array), type);
  }

  private static Stmt copy(Expr to, Expr from, int dimensions, List<String> indices, int depth) {
    Expr.Var i = new Expr.Var(indices.get(depth));
    Expr target = new Expr.ArrayAccess(to, i);
    Expr source = new Expr.ArrayAccess(from, i);
    Stmt body =
        depth + 1 == dimensions
            ? new Stmt.Assign(target, AssignOp.SET, source, null)
            : copy(target, source, dimensions, indices, depth + 1);
    return forEach(i, new Expr.ArrayLength(from), body);
  }

  private static Stmt loop(
      Expr to, AssignOp op, Expr from, int dimensions, List<String> indices, int depth,
      boolean toFloat) {
    Expr.Var i = new Expr.Var(indices.get(depth));
    Expr target = new Expr.ArrayAccess(to, i);
    Expr source = new Expr.ArrayAccess(from, i);
    Expr value = toFloat ? new Expr.Cast(JType.FLOAT, source) : source;
    Stmt body =
        depth + 1 == dimensions
            ? new Stmt.Assign(target, op, value, null)
            : loop(target, op, source, dimensions, indices, depth + 1, toFloat);
    return forEach(i, new Expr.ArrayLength(to), body);
  }

  /** {@code for (int i = 0; i < bound; i++) { body }}. */
  static Stmt forEach(Expr.Var i, Expr bound, Stmt... body) {
    return new Stmt.Loop(
        Stmt.LoopKind.FOR,
        List.of(new Stmt.Declare(JType.INT, i.name(), Expr.Literal.ofInt(0), null)),
        new Expr.Binary(BinaryOp.LESS, i, bound),
        List.of(new Stmt.Assign(i, AssignOp.ADD, Expr.Literal.ofInt(1), null)),
        List.of(body),
        null);
  }
}

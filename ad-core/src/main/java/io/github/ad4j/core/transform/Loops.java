package io.github.ad4j.core.transform;

import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Stmt;
import java.util.List;

/** Elementwise loops over whole arrays, for the bookkeeping around the sweeps. */
final class Loops {

  private Loops() {}

  /**
   * {@code for (int i = 0; i < to.length; i++) to[i] op from[i];}, nested for two dimensions.
   *
   * @param indices the loop variables to use, outermost first, free in the method
   */
  static Stmt elementwise(String to, AssignOp op, String from, int dimensions, List<String> indices) {
    return loop(new Expr.Var(to), op, new Expr.Var(from), dimensions, indices, 0);
  }

  private static Stmt loop(Expr to, AssignOp op, Expr from, int dimensions, List<String> indices, int depth) {
    Expr.Var i = new Expr.Var(indices.get(depth));
    Expr target = new Expr.ArrayAccess(to, i);
    Expr source = new Expr.ArrayAccess(from, i);
    Stmt body =
        depth + 1 == dimensions
            ? new Stmt.Assign(target, op, source, null)
            : loop(target, op, source, dimensions, indices, depth + 1);
    return new Stmt.Loop(
        Stmt.LoopKind.FOR,
        List.of(new Stmt.Declare(JType.INT, i.name(), Expr.Literal.ofInt(0), null)),
        new Expr.Binary(BinaryOp.LESS, i, new Expr.ArrayLength(to)),
        List.of(new Stmt.Assign(i, AssignOp.ADD, Expr.Literal.ofInt(1), null)),
        List.of(body),
        null);
  }
}

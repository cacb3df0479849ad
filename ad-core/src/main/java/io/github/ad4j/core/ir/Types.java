package io.github.ad4j.core.ir;

import java.util.function.Function;

/** The static type of an expression, by Java's rules for the constructs the IR has. */
public final class Types {

  private Types() {}

  /**
   * The type of {@code expr}.
   *
   * @param variables the type of each variable the expression may name
   */
  public static JType of(Expr expr, Function<String, JType> variables) {
    if (expr instanceof Expr.Literal l) {
      return l.type();
    }
    if (expr instanceof Expr.Var v) {
      JType t = variables.apply(v.name());
      if (t == null) {
        throw new IllegalStateException("no type for variable " + v.name());
      }
      return t;
    }
    if (expr instanceof Expr.FieldRef f) {
      return f.type();
    }
    if (expr instanceof Expr.Unary u) {
      return u.op() == UnaryOp.NOT ? JType.BOOLEAN : of(u.operand(), variables).promoted();
    }
    if (expr instanceof Expr.Binary b) {
      if (b.op().isBoolean()) {
        return JType.BOOLEAN;
      }
      JType left = of(b.left(), variables);
      if (b.op() == BinaryOp.SHIFT_LEFT
          || b.op() == BinaryOp.SHIFT_RIGHT
          || b.op() == BinaryOp.UNSIGNED_SHIFT_RIGHT) {
        return left.promoted();
      }
      JType right = of(b.right(), variables);
      if (left.equals(JType.BOOLEAN) && right.equals(JType.BOOLEAN)) {
        return JType.BOOLEAN; // & | ^ on booleans
      }
      return JType.promote(left, right);
    }
    if (expr instanceof Expr.Call c) {
      return c.type();
    }
    if (expr instanceof Expr.Cast c) {
      return c.type();
    }
    if (expr instanceof Expr.Conditional c) {
      JType a = of(c.whenTrue(), variables);
      JType b = of(c.whenFalse(), variables);
      return a.equals(b) || !a.isNumeric() || !b.isNumeric() ? a : JType.promote(a, b);
    }
    if (expr instanceof Expr.ArrayAccess a) {
      JType array = of(a.array(), variables);
      return new JType(array.primitive(), array.dimensions() - 1);
    }
    if (expr instanceof Expr.ArrayLength || expr instanceof Expr.Step) {
      return JType.INT;
    }
    if (expr instanceof Expr.NewArray n) {
      return n.type();
    }
    throw new IllegalArgumentException("no primitive type: " + expr);
  }
}

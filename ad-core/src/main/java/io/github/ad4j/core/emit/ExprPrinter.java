package io.github.ad4j.core.emit;

import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.UnaryOp;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints expressions as Java source, with exactly the parentheses Java's precedence needs, plus
 * those that keep floating-point evaluation order as written ({@code a - (b - c)}).
 */
public final class ExprPrinter {

  private static final int PRIMARY = 16;
  private static final int UNARY = 14;
  private static final int CONDITIONAL = 2;

  private ExprPrinter() {}

  /** Prints {@code expr} as Java source. */
  public static String print(Expr expr) {
    return print(expr, 0);
  }

  private static String print(Expr expr, int required) {
    String text = bare(expr);
    return precedence(expr) < required ? "(" + text + ")" : text;
  }

  private static int precedence(Expr expr) {
    if (expr instanceof Expr.Literal l) {
      return l.type().isNumeric() && (l.value() < 0 || isNegativeZero(l.value())) ? UNARY : PRIMARY;
    }
    if (expr instanceof Expr.Unary || expr instanceof Expr.Cast || expr instanceof Expr.Step) {
      return UNARY;
    }
    if (expr instanceof Expr.Binary b) {
      return b.op().precedence();
    }
    if (expr instanceof Expr.Conditional) {
      return CONDITIONAL;
    }
    return PRIMARY;
  }

  private static String bare(Expr expr) {
    if (expr instanceof Expr.Literal l) {
      return literal(l);
    }
    if (expr instanceof Expr.Var v) {
      return v.name();
    }
    if (expr instanceof Expr.FieldRef f) {
      return f.owner() + "." + f.name();
    }
    if (expr instanceof Expr.Unary u) {
      String operand = print(u.operand(), UNARY);
      if (operand.startsWith(u.op().symbol())
          && (u.op() == UnaryOp.NEGATE || u.op() == UnaryOp.PLUS)) {
        operand = "(" + operand + ")";
      }
      return u.op().symbol() + operand;
    }
    if (expr instanceof Expr.Binary b) {
      BinaryOp op = b.op();
      return print(b.left(), op.precedence())
          + " "
          + op.symbol()
          + " "
          + print(b.right(), op.precedence() + 1);
    }
    if (expr instanceof Expr.Call c) {
      String target = c.owner().isEmpty() ? "" : c.owner() + ".";
      return target + c.name() + "(" + arguments(c.args()) + ")";
    }
    if (expr instanceof Expr.Cast c) {
      return "(" + c.type() + ") " + print(c.operand(), UNARY);
    }
    if (expr instanceof Expr.Conditional c) {
      return print(c.condition(), CONDITIONAL + 1)
          + " ? "
          + print(c.whenTrue(), CONDITIONAL + 1)
          + " : "
          + print(c.whenFalse(), CONDITIONAL);
    }
    if (expr instanceof Expr.ArrayAccess a) {
      return print(a.array(), PRIMARY) + "[" + print(a.index()) + "]";
    }
    if (expr instanceof Expr.NewRecord r) {
      return "new " + r.type() + "(" + arguments(r.args()) + ")";
    }
    if (expr instanceof Expr.ArrayLength l) {
      return print(l.array(), PRIMARY) + ".length";
    }
    if (expr instanceof Expr.Step s) {
      String op = s.increment() ? "++" : "--";
      return s.prefix() ? op + s.variable() : s.variable() + op;
    }
    if (expr instanceof Expr.NewArray n) {
      StringBuilder sb = new StringBuilder("new ").append(n.type().primitive().keyword());
      for (Expr length : n.lengths()) {
        sb.append('[').append(print(length)).append(']');
      }
      return sb.append("[]".repeat(n.type().dimensions() - n.lengths().size())).toString();
    }
    throw new IllegalArgumentException("cannot print " + expr);
  }

  private static String arguments(List<Expr> args) {
    return args.stream().map(ExprPrinter::print).collect(Collectors.joining(", "));
  }

  /** Prints a literal as Java source; non-finite values as the constants that name them. */
  static String literal(Expr.Literal l) {
    double v = l.value();
    JType.Primitive p = l.type().primitive();
    switch (p) {
      case BOOLEAN:
        return v != 0 ? "true" : "false";
      case LONG:
        return l.integral() + "L";
      case FLOAT:
        if (Float.isNaN((float) v)) {
          return "Float.NaN";
        }
        if (Float.isInfinite((float) v)) {
          return v > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY";
        }
        return Float.toString((float) v) + "f";
      case DOUBLE:
        if (Double.isNaN(v)) {
          return "Double.NaN";
        }
        if (Double.isInfinite(v)) {
          return v > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        return Double.toString(v);
      default:
        return Long.toString(l.integral());
    }
  }

  private static boolean isNegativeZero(double v) {
    return v == 0 && Double.doubleToRawLongBits(v) != 0;
  }
}

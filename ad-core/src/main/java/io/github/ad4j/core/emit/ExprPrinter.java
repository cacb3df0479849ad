package io.github.ad4j.core.emit;

import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.UnaryOp;
import java.util.List;

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
    StringBuilder out = new StringBuilder();
    print(expr, out);
    return out.toString();
  }

  /**
   * Appends {@code expr} as Java source to {@code out}: one buffer for a whole statement, rather
   * than a string per subexpression concatenated again at every level.
   */
  static void print(Expr expr, StringBuilder out) {
    print(expr, 0, out);
  }

  private static void print(Expr expr, int required, StringBuilder out) {
    if (precedence(expr) < required) {
      out.append('(');
      bare(expr, out);
      out.append(')');
    } else {
      bare(expr, out);
    }
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

  private static void bare(Expr expr, StringBuilder out) {
    if (expr instanceof Expr.Literal l) {
      out.append(literal(l));
    } else if (expr instanceof Expr.Var v) {
      out.append(v.name());
    } else if (expr instanceof Expr.FieldRef f) {
      out.append(f.owner()).append('.').append(f.name());
    } else if (expr instanceof Expr.HeldWorkspace h) {
      out.append(h.workspace()).append('.').append(h.field());
    } else if (expr instanceof Expr.Unary u) {
      String symbol = u.op().symbol();
      out.append(symbol);
      int operand = out.length();
      print(u.operand(), UNARY, out);
      // - -x would read as a decrement: - (-x)
      if ((u.op() == UnaryOp.NEGATE || u.op() == UnaryOp.PLUS)
          && startsWith(out, operand, symbol)) {
        out.insert(operand, '(').append(')');
      }
    } else if (expr instanceof Expr.Binary b) {
      BinaryOp op = b.op();
      print(b.left(), op.precedence(), out);
      out.append(' ').append(op.symbol()).append(' ');
      print(b.right(), op.precedence() + 1, out);
    } else if (expr instanceof Expr.Call c) {
      if (!c.owner().isEmpty()) {
        out.append(c.owner()).append('.');
      }
      out.append(c.name()).append('(');
      arguments(c.args(), out);
      out.append(')');
    } else if (expr instanceof Expr.Cast c) {
      out.append('(').append(c.type()).append(") ");
      print(c.operand(), UNARY, out);
    } else if (expr instanceof Expr.Conditional c) {
      print(c.condition(), CONDITIONAL + 1, out);
      out.append(" ? ");
      print(c.whenTrue(), CONDITIONAL + 1, out);
      out.append(" : ");
      print(c.whenFalse(), CONDITIONAL, out);
    } else if (expr instanceof Expr.ArrayAccess a) {
      print(a.array(), PRIMARY, out);
      out.append('[');
      print(a.index(), 0, out);
      out.append(']');
    } else if (expr instanceof Expr.NewRecord r) {
      out.append("new ").append(r.type()).append('(');
      arguments(r.args(), out);
      out.append(')');
    } else if (expr instanceof Expr.ArrayLength l) {
      print(l.array(), PRIMARY, out);
      out.append(".length");
    } else if (expr instanceof Expr.Step s) {
      String op = s.increment() ? "++" : "--";
      if (s.prefix()) {
        out.append(op).append(s.variable());
      } else {
        out.append(s.variable()).append(op);
      }
    } else if (expr instanceof Expr.NewArray n) {
      out.append("new ").append(n.type().primitive().keyword());
      for (Expr length : n.lengths()) {
        out.append('[');
        print(length, 0, out);
        out.append(']');
      }
      out.append("[]".repeat(n.type().dimensions() - n.lengths().size()));
    } else {
      throw new IllegalArgumentException("cannot print " + expr);
    }
  }

  /** Whether {@code out} from {@code start} on begins with {@code prefix}. */
  private static boolean startsWith(StringBuilder out, int start, String prefix) {
    if (out.length() - start < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (out.charAt(start + i) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static void arguments(List<Expr> args, StringBuilder out) {
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      print(args.get(i), 0, out);
    }
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

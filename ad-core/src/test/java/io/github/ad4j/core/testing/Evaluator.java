package io.github.ad4j.core.testing;

import io.github.ad4j.core.ir.Expr;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Evaluates IR expressions numerically, every value as a double: enough to check derivative
 * rules and simplifications against the functions they describe, without generating code.
 */
public final class Evaluator {

  private Evaluator() {}

  /** The value of {@code expr} with the variables bound as given. */
  public static double evaluate(Expr expr, Map<String, Double> variables) {
    if (expr instanceof Expr.Literal l) {
      return l.value();
    }
    if (expr instanceof Expr.Var v) {
      Double value = variables.get(v.name());
      if (value == null) {
        throw new IllegalArgumentException("unbound " + v.name());
      }
      return value;
    }
    if (expr instanceof Expr.FieldRef f) {
      return staticField(f);
    }
    if (expr instanceof Expr.Unary u) {
      double x = evaluate(u.operand(), variables);
      switch (u.op()) {
        case NEGATE:
          return -x;
        case PLUS:
          return x;
        case NOT:
          return x == 0 ? 1 : 0;
        default:
          throw new IllegalArgumentException(u.toString());
      }
    }
    if (expr instanceof Expr.Binary b) {
      double x = evaluate(b.left(), variables);
      double y = evaluate(b.right(), variables);
      switch (b.op()) {
        case ADD:
          return x + y;
        case SUBTRACT:
          return x - y;
        case MULTIPLY:
          return x * y;
        case DIVIDE:
          return x / y;
        case REMAINDER:
          return x % y;
        case LESS:
          return x < y ? 1 : 0;
        case LESS_EQUALS:
          return x <= y ? 1 : 0;
        case GREATER:
          return x > y ? 1 : 0;
        case GREATER_EQUALS:
          return x >= y ? 1 : 0;
        case EQUALS:
          return x == y ? 1 : 0;
        case NOT_EQUALS:
          return x != y ? 1 : 0;
        case AND:
          return x != 0 && y != 0 ? 1 : 0;
        case OR:
          return x != 0 || y != 0 ? 1 : 0;
        default:
          throw new IllegalArgumentException(b.toString());
      }
    }
    if (expr instanceof Expr.Call c) {
      return call(c, variables);
    }
    if (expr instanceof Expr.Cast c) {
      double x = evaluate(c.operand(), variables);
      switch (c.type().primitive()) {
        case INT:
          return (int) x;
        case LONG:
          return (long) x;
        case FLOAT:
          return (float) x;
        default:
          return x;
      }
    }
    if (expr instanceof Expr.Conditional c) {
      return evaluate(c.condition(), variables) != 0
          ? evaluate(c.whenTrue(), variables)
          : evaluate(c.whenFalse(), variables);
    }
    throw new IllegalArgumentException("cannot evaluate " + expr);
  }

  /** Calls the double overload of {@code Math.name} or {@code StrictMath.name}. */
  public static double math(String owner, String name, double... args) {
    try {
      Class<?> type = owner.equals("StrictMath") ? StrictMath.class : Math.class;
      Class<?>[] types = new Class<?>[args.length];
      Object[] boxed = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        types[i] = double.class;
        boxed[i] = args[i];
      }
      Method method = type.getMethod(name, types);
      return ((Number) method.invoke(null, boxed)).doubleValue();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static double call(Expr.Call c, Map<String, Double> variables) {
    double[] args = new double[c.args().size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = evaluate(c.args().get(i), variables);
    }
    return math(c.owner(), c.name(), args);
  }

  private static double staticField(Expr.FieldRef f) {
    try {
      Class<?> type = Class.forName("java.lang." + f.owner());
      return ((Number) type.getField(f.name()).get(null)).doubleValue();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}

package io.github.ad4j.core.simplify;

import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.UnaryOp;
import java.util.ArrayList;
import java.util.List;

/**
 * A floating-point product in canonical form: {@code (coefficient * factors) / (divisor *
 * divisors)}, the constants folded. Immutable.
 */
final class Monomial {

  private final double coefficient;
  private final double divisor;
  private final List<Expr> factors;
  private final List<Expr> divisors;

  private Monomial(double coefficient, double divisor, List<Expr> factors, List<Expr> divisors) {
    if (divisor < 0) {
      coefficient = -coefficient;
      divisor = -divisor;
    }
    if (factors.isEmpty() && divisors.isEmpty() && divisor != 1) {
      coefficient /= divisor;
      divisor = 1;
    }
    this.coefficient = coefficient;
    this.divisor = divisor;
    this.factors = List.copyOf(factors);
    this.divisors = List.copyOf(divisors);
  }

  /** {@code e} as a monomial: products and negations are absorbed, anything else is a factor. */
  static Monomial of(Expr e, ExprSimplifier simplifier) {
    if (e instanceof Expr.Literal l && l.type().isNumeric()) {
      return new Monomial(l.value(), 1, List.of(), List.of());
    }
    if (simplifier.isFloatingProduct(e)) {
      if (e instanceof Expr.Unary u) {
        return of(u.operand(), simplifier).negate();
      }
      Expr.Binary b = (Expr.Binary) e;
      Monomial left = of(b.left(), simplifier);
      if (b.op() == BinaryOp.MULTIPLY) {
        Monomial product = left.times(of(b.right(), simplifier));
        List<Expr> factors = new ArrayList<>(product.factors);
        List<Expr> divisors = new ArrayList<>(product.divisors);
        cancel(factors, divisors);
        return new Monomial(product.coefficient, product.divisor, factors, divisors);
      }
      // a / (c * f / (d * g)) is (a * d * g) / (c * f): dividing by a quotient multiplies by
      // its inverse, and equal factors above and below then cancel
      Monomial right = of(b.right(), simplifier);
      List<Expr> factors = new ArrayList<>(left.factors);
      factors.addAll(right.divisors);
      List<Expr> divisors = new ArrayList<>(left.divisors);
      divisors.addAll(right.factors);
      cancel(factors, divisors);
      return new Monomial(
          left.coefficient * right.divisor, left.divisor * right.coefficient, factors, divisors);
    }
    return new Monomial(1, 1, List.of(e), List.of());
  }

  /** Removes each factor that also divides, once per pair: {@code x * y / y} is {@code x}. */
  private static void cancel(List<Expr> factors, List<Expr> divisors) {
    for (int i = 0; i < factors.size(); i++) {
      int j = divisors.indexOf(factors.get(i));
      if (j >= 0) {
        factors.remove(i);
        divisors.remove(j);
        i--;
      }
    }
  }

  double coefficient() {
    return coefficient;
  }

  List<Expr> factors() {
    return factors;
  }

  boolean isConstant() {
    return factors.isEmpty() && divisors.isEmpty();
  }

  boolean isLike(Monomial other) {
    return factors.equals(other.factors)
        && divisors.equals(other.divisors)
        && divisor == other.divisor;
  }

  Monomial plus(Monomial like) {
    return new Monomial(coefficient + like.coefficient, divisor, factors, divisors);
  }

  Monomial negate() {
    return new Monomial(-coefficient, divisor, factors, divisors);
  }

  Monomial times(Monomial other) {
    List<Expr> f = new ArrayList<>(factors);
    f.addAll(other.factors);
    List<Expr> d = new ArrayList<>(divisors);
    d.addAll(other.divisors);
    return new Monomial(coefficient * other.coefficient, divisor * other.divisor, f, d);
  }

  boolean isFloating(ExprSimplifier simplifier) {
    for (Expr f : factors) {
      if (simplifier.isFloatingValue(f)) {
        return true;
      }
    }
    for (Expr d : divisors) {
      if (simplifier.isFloatingValue(d)) {
        return true;
      }
    }
    return false;
  }

  /** The single conditional this monomial is, or null. */
  Expr.Conditional asConditional() {
    if (coefficient == 1 && divisor == 1 && divisors.isEmpty() && factors.size() == 1
        && factors.get(0) instanceof Expr.Conditional c) {
      return c;
    }
    return null;
  }

  /** A factor {@code c ? a : 0} or {@code c ? 0 : b}, or null. */
  Expr.Conditional zeroGuardedFactor() {
    for (Expr f : factors) {
      if (f instanceof Expr.Conditional c
          && (isZero(c.whenTrue()) || isZero(c.whenFalse()))) {
        return c;
      }
    }
    return null;
  }

  /** Whether {@code e} is a factor exactly once and appears nowhere else. */
  boolean hasSingleFactor(Expr e) {
    int count = 0;
    for (Expr f : factors) {
      if (f.equals(e)) {
        count++;
      } else if (ExprRewriter.contains(f, e)) {
        return false;
      }
    }
    for (Expr d : divisors) {
      if (ExprRewriter.contains(d, e)) {
        return false;
      }
    }
    return count == 1;
  }

  Monomial without(Expr factor) {
    List<Expr> f = new ArrayList<>(factors);
    f.remove(factor);
    return new Monomial(coefficient, divisor, f, divisors);
  }

  private static boolean isZero(Expr e) {
    return e instanceof Expr.Literal l && l.isZero();
  }

  /**
   * The monomial as an expression whose evaluation is floating-point from its first operation:
   * an integer factor never meets another one first, where the product could overflow.
   *
   * @param promoted whether a lone constant will be promoted by a floating neighbour, so it may
   *     print as an integer
   */
  Expr toExpr(ExprSimplifier simplifier, boolean promoted) {
    boolean negative = coefficient < 0;
    double magnitude = Math.abs(coefficient);
    List<Expr> numerator = new ArrayList<>(factors);
    if (isConstant()) {
      return literal(negative ? -magnitude : magnitude, promoted);
    }
    if (magnitude != 1 || numerator.isEmpty()) {
      // an integer constant is exact where the next operand (or the divisor) is floating
      boolean nextIsFloating =
          numerator.isEmpty()
              ? divisors.stream().allMatch(simplifier::isFloatingValue)
              : simplifier.isFloatingValue(numerator.get(0));
      numerator.add(0, literal(negative ? -magnitude : magnitude, nextIsFloating));
      negative = false;
    } else if (!simplifier.isFloatingValue(numerator.get(0))) {
      Expr firstFloating = null;
      for (Expr f : numerator) {
        if (simplifier.isFloatingValue(f)) {
          firstFloating = f;
          break;
        }
      }
      if (firstFloating != null) {
        numerator.remove(firstFloating);
        numerator.add(0, firstFloating);
      } else {
        numerator.add(0, Expr.Literal.ofDouble(negative ? -1 : 1));
        negative = false;
      }
    }
    if (negative) {
      numerator.set(0, new Expr.Unary(UnaryOp.NEGATE, numerator.get(0)));
    }
    Expr result = chain(BinaryOp.MULTIPLY, numerator);
    List<Expr> denominator = new ArrayList<>(divisors);
    if (divisor != 1) {
      denominator.add(0, literal(divisor, true));
    }
    if (denominator.isEmpty()) {
      return result;
    }
    boolean allFloating = true;
    for (Expr d : divisors) {
      allFloating &= simplifier.isFloatingValue(d);
    }
    if (allFloating) {
      return new Expr.Binary(BinaryOp.DIVIDE, result, chain(BinaryOp.MULTIPLY, denominator));
    }
    for (Expr d : denominator) {
      result = new Expr.Binary(BinaryOp.DIVIDE, result, d);
    }
    return result;
  }

  private static Expr chain(BinaryOp op, List<Expr> operands) {
    Expr result = operands.get(0);
    for (int i = 1; i < operands.size(); i++) {
      result = new Expr.Binary(op, result, operands.get(i));
    }
    return result;
  }

  /** A constant, printed as an integer where Java's promotion makes that exact. */
  private static Expr.Literal literal(double value, boolean promoted) {
    if (promoted && value == Math.rint(value) && Math.abs(value) < 1 << 30
        && !(value == 0 && 1 / value < 0)) {
      return Expr.Literal.ofInt((int) value);
    }
    return new Expr.Literal(JType.DOUBLE, value);
  }
}

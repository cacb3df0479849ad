package io.github.ad4j.core.simplify;

import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Types;
import io.github.ad4j.core.ir.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Algebraic clean-up of generated expressions, so that a derivative reads as a person would write
 * it: constants folded, {@code 1 *} and {@code + 0} gone, like terms merged ({@code x + x} is
 * {@code 2 * x}), constant factors first, signs pulled out.
 *
 * <p>Only floating-point sums and products are reassociated; integer arithmetic keeps its exact
 * shape, since reordering it could change an overflow or an integer division. A factor that is
 * structurally zero makes the product zero even where the other factor could be infinite: an
 * adjoint known to be zero contributes nothing, as in every reverse-mode tool.
 */
public final class ExprSimplifier {

  private final Map<String, JType> variables;

  /** @param variables the type of every variable the expressions read */
  public ExprSimplifier(Map<String, JType> variables) {
    this.variables = variables;
  }

  /** {@code expr}, simplified. */
  public Expr simplify(Expr expr) {
    Expr e = ExprRewriter.mapChildren(expr, this::simplify);
    if (e instanceof Expr.Unary u) {
      return unary(u);
    }
    if (e instanceof Expr.Cast c) {
      return cast(c);
    }
    if (e instanceof Expr.Conditional c) {
      return conditional(c);
    }
    if (e instanceof Expr.Call c) {
      return call(c);
    }
    if (e instanceof Expr.Binary b) {
      return binary(b);
    }
    return e;
  }

  private JType type(Expr e) {
    return Types.of(e, variables::get);
  }

  private boolean isFloating(Expr e) {
    return type(e).isFloating();
  }

  private Expr unary(Expr.Unary u) {
    Expr operand = u.operand();
    if (u.op() == UnaryOp.NEGATE) {
      if (operand instanceof Expr.Literal l && l.type().isNumeric()) {
        return new Expr.Literal(l.type().promoted(), -l.value());
      }
      if (operand instanceof Expr.Unary inner && inner.op() == UnaryOp.NEGATE) {
        return inner.operand();
      }
      if (isFloating(u)) {
        return product(u);
      }
    }
    if (u.op() == UnaryOp.PLUS && type(operand).equals(type(u))) {
      return operand;
    }
    if (u.op() == UnaryOp.NOT && operand instanceof Expr.Literal l) {
      return Expr.Literal.ofBoolean(l.value() == 0);
    }
    return u;
  }

  private Expr cast(Expr.Cast c) {
    if (c.operand() instanceof Expr.Literal l && l.type().isNumeric() && c.type().isNumeric()) {
      if (l.type().isIntegral() && c.type().isIntegral()) {
        long v = c.type().equals(JType.LONG) ? l.integral() : (int) l.integral();
        return c.type().equals(JType.LONG) ? Expr.Literal.ofLong(v) : Expr.Literal.ofInt((int) v);
      }
      return literal(c.type(), l.type().isIntegral() ? (double) l.integral() : l.value());
    }
    if (type(c.operand()).equals(c.type())) {
      return c.operand();
    }
    return c;
  }

  private static Expr.Literal literal(JType type, double value) {
    switch (type.primitive()) {
      case INT:
      case SHORT:
      case BYTE:
      case CHAR:
        return new Expr.Literal(JType.INT, (int) value);
      case LONG:
        return new Expr.Literal(JType.LONG, (long) value);
      case FLOAT:
        return new Expr.Literal(JType.FLOAT, (float) value);
      default:
        return new Expr.Literal(type, value);
    }
  }

  private Expr conditional(Expr.Conditional c) {
    if (c.condition() instanceof Expr.Literal l) {
      return l.value() != 0 ? c.whenTrue() : c.whenFalse();
    }
    if (c.whenTrue().equals(c.whenFalse())) {
      return c.whenTrue();
    }
    return c;
  }

  private Expr call(Expr.Call c) {
    boolean isPow =
        c.name().equals("pow") && (c.owner().equals("Math") || c.owner().equals("StrictMath"));
    if (isPow && c.args().get(1) instanceof Expr.Literal exponent && exponent.type().isNumeric()) {
      Expr base = c.args().get(0);
      if (exponent.value() == 1 && type(base).equals(JType.DOUBLE)) {
        return base; // pow(x, 1) is x exactly
      }
      if (exponent.value() == 0) {
        return Expr.Literal.ofDouble(1); // pow(x, 0) is 1, even for NaN x
      }
    }
    return c;
  }

  private Expr binary(Expr.Binary b) {
    Expr left = b.left();
    Expr right = b.right();
    if (left instanceof Expr.Literal l && right instanceof Expr.Literal r) {
      Expr folded = foldLiterals(b.op(), l, r);
      if (folded != null) {
        return folded;
      }
    }
    if (!isFloating(b)) {
      return integerIdentity(b);
    }
    switch (b.op()) {
      case ADD:
      case SUBTRACT:
        return sum(b);
      case MULTIPLY:
      case DIVIDE:
        return product(b);
      default:
        return b;
    }
  }

  /** {@code i + 0}, {@code 0 + i}, {@code i - 0}, {@code i * 1}, {@code 1 * i}: exact for integers. */
  private static Expr integerIdentity(Expr.Binary b) {
    boolean leftZero = b.left() instanceof Expr.Literal l && l.isZero();
    boolean rightZero = b.right() instanceof Expr.Literal r && r.isZero();
    boolean leftOne = b.left() instanceof Expr.Literal l && l.isOne();
    boolean rightOne = b.right() instanceof Expr.Literal r && r.isOne();
    switch (b.op()) {
      case ADD:
        return leftZero ? b.right() : rightZero ? b.left() : b;
      case SUBTRACT:
        return rightZero ? b.left() : b;
      case MULTIPLY:
        return leftOne ? b.right() : rightOne ? b.left() : b;
      default:
        return b;
    }
  }

  private static Expr foldLiterals(BinaryOp op, Expr.Literal l, Expr.Literal r) {
    if (!l.type().isNumeric() || !r.type().isNumeric()) {
      return null;
    }
    double a = l.value();
    double c = r.value();
    switch (op) {
      case LESS:
        return Expr.Literal.ofBoolean(a < c);
      case LESS_EQUALS:
        return Expr.Literal.ofBoolean(a <= c);
      case GREATER:
        return Expr.Literal.ofBoolean(a > c);
      case GREATER_EQUALS:
        return Expr.Literal.ofBoolean(a >= c);
      case EQUALS:
        return Expr.Literal.ofBoolean(a == c);
      case NOT_EQUALS:
        return Expr.Literal.ofBoolean(a != c);
      default:
        break;
    }
    JType type = JType.promote(l.type(), r.type());
    if (type.isFloating()) {
      return null; // sums and products of floating values are folded as polynomials
    }
    long x = l.integral();
    long y = r.integral();
    long value;
    switch (op) {
      case ADD:
        value = x + y;
        break;
      case SUBTRACT:
        value = x - y;
        break;
      case MULTIPLY:
        value = x * y;
        break;
      case DIVIDE:
      case REMAINDER:
        if (y == 0) {
          return null;
        }
        value = op == BinaryOp.DIVIDE ? x / y : x % y;
        break;
      default:
        return null;
    }
    if (type.equals(JType.INT)) {
      return Expr.Literal.ofInt((int) value);
    }
    return Expr.Literal.ofLong(value);
  }

  // ---- sums ------------------------------------------------------------------------------

  /** A term of a sum: a monomial with a signed coefficient. */
  private static final class Term {
    Monomial monomial;

    Term(Monomial monomial) {
      this.monomial = monomial;
    }
  }

  private Expr sum(Expr sum) {
    List<Expr> signed = new ArrayList<>();
    List<Boolean> negative = new ArrayList<>();
    flattenSum(sum, false, signed, negative);

    List<Term> terms = new ArrayList<>();
    Term constant = null;
    for (int i = 0; i < signed.size(); i++) {
      Monomial m = Monomial.of(signed.get(i), this);
      if (negative.get(i)) {
        m = m.negate();
      }
      if (m.isConstant()) {
        if (constant == null) {
          constant = new Term(m);
          terms.add(constant);
        } else {
          constant.monomial = constant.monomial.plus(m);
        }
        continue;
      }
      Term like = null;
      for (Term t : terms) {
        if (t.monomial.isLike(m)) {
          like = t;
          break;
        }
      }
      if (like != null) {
        like.monomial = like.monomial.plus(m);
      } else {
        terms.add(new Term(m));
      }
    }
    mergeConditionals(terms);
    terms.removeIf(t -> t.monomial.coefficient() == 0);
    Expr common = commonFactor(terms);
    if (common != null) {
      // seed * x + seed * y is seed * (x + y): one multiplication by the seed, as by hand
      Expr rest = null;
      for (Term t : terms) {
        Expr term = t.monomial.without(common).toExpr(this, true);
        rest = rest == null ? term : new Expr.Binary(BinaryOp.ADD, rest, term);
      }
      return simplify(new Expr.Binary(BinaryOp.MULTIPLY, common, rest));
    }

    boolean anyFloating = false;
    for (Term t : terms) {
      anyFloating |= !t.monomial.isConstant() && t.monomial.isFloating(this);
    }
    Expr result = null;
    for (Term t : terms) {
      Monomial m = t.monomial;
      if (m.coefficient() == 0) {
        continue;
      }
      if (result == null) {
        result = m.toExpr(this, anyFloating);
      } else if (m.coefficient() < 0) {
        result = new Expr.Binary(BinaryOp.SUBTRACT, result, m.negate().toExpr(this, true));
      } else {
        result = new Expr.Binary(BinaryOp.ADD, result, m.toExpr(this, true));
      }
    }
    return result == null ? Expr.Literal.ofDouble(0) : result;
  }

  private void flattenSum(Expr e, boolean negate, List<Expr> terms, List<Boolean> negative) {
    if (e instanceof Expr.Binary b
        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)
        && isFloating(b)) {
      flattenSum(b.left(), negate, terms, negative);
      flattenSum(b.right(), b.op() == BinaryOp.SUBTRACT != negate, terms, negative);
    } else if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE && isFloating(u)) {
      flattenSum(u.operand(), !negate, terms, negative);
    } else {
      terms.add(e);
      negative.add(negate);
    }
  }

  /** A floating variable that is a factor of every term of a sum of two or more, or null. */
  private Expr commonFactor(List<Term> terms) {
    if (terms.size() < 2) {
      return null;
    }
    for (Term t : terms) {
      if (t.monomial.isConstant()) {
        return null;
      }
    }
    for (Expr candidate : terms.get(0).monomial.factors()) {
      if (!(candidate instanceof Expr.Var) || !isFloating(candidate)) {
        continue;
      }
      boolean everywhere = true;
      for (Term t : terms) {
        everywhere &= t.monomial.factors().contains(candidate);
      }
      if (everywhere) {
        return candidate;
      }
    }
    return null;
  }

  /** {@code (c ? a : 0) + (c ? 0 : b)} is {@code c ? a : b}: the shape ternaries' adjoints take. */
  private void mergeConditionals(List<Term> terms) {
    for (int i = 0; i < terms.size(); i++) {
      Expr.Conditional first = terms.get(i).monomial.asConditional();
      if (first == null) {
        continue;
      }
      for (int j = i + 1; j < terms.size(); j++) {
        Expr.Conditional second = terms.get(j).monomial.asConditional();
        if (second != null && second.condition().equals(first.condition())) {
          Expr merged =
              simplify(
                  new Expr.Conditional(
                      first.condition(),
                      new Expr.Binary(BinaryOp.ADD, first.whenTrue(), second.whenTrue()),
                      new Expr.Binary(BinaryOp.ADD, first.whenFalse(), second.whenFalse())));
          terms.get(i).monomial = Monomial.of(merged, this);
          terms.remove(j);
          i--;
          break;
        }
      }
    }
  }

  // ---- products --------------------------------------------------------------------------

  private Expr product(Expr product) {
    Monomial m = Monomial.of(product, this);
    if (m.coefficient() == 0) {
      return Expr.Literal.ofDouble(0);
    }
    Expr.Conditional guarded = m.zeroGuardedFactor();
    if (guarded != null) {
      // (c ? a : 0) * k is c ? a * k : 0, which merges with the other branch's term
      Monomial rest = m.without(guarded);
      boolean zeroFalse = guarded.whenFalse() instanceof Expr.Literal l && l.isZero();
      Expr branch = zeroFalse ? guarded.whenTrue() : guarded.whenFalse();
      Expr multiplied = simplify(new Expr.Binary(BinaryOp.MULTIPLY, rest.toExpr(this, false), branch));
      Expr zero = Expr.Literal.ofDouble(0);
      return zeroFalse
          ? new Expr.Conditional(guarded.condition(), multiplied, zero)
          : new Expr.Conditional(guarded.condition(), zero, multiplied);
    }
    return m.toExpr(this, false);
  }

  /** Whether {@code e} is a floating-point product or negation that a monomial can absorb. */
  boolean isFloatingProduct(Expr e) {
    if (e instanceof Expr.Binary b
        && (b.op() == BinaryOp.MULTIPLY || b.op() == BinaryOp.DIVIDE)) {
      return isFloating(b);
    }
    return e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE && isFloating(u);
  }

  boolean isFloatingValue(Expr e) {
    return isFloating(e);
  }
}

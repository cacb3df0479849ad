package io.github.ad4j.core.simplify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.emit.ExprPrinter;
import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.UnaryOp;
import io.github.ad4j.core.testing.Evaluator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExprSimplifierTest {

  private static final Map<String, JType> TYPES =
      Map.of("x", JType.DOUBLE, "y", JType.DOUBLE, "n", JType.INT, "m", JType.INT, "c",
          JType.BOOLEAN);
  private static final ExprSimplifier SIMPLIFIER = new ExprSimplifier(TYPES);

  private static final Expr X = new Expr.Var("x");
  private static final Expr Y = new Expr.Var("y");
  private static final Expr N = new Expr.Var("n");
  private static final Expr M = new Expr.Var("m");
  private static final Expr C = new Expr.Var("c");

  private static Expr bin(BinaryOp op, Expr l, Expr r) {
    return new Expr.Binary(op, l, r);
  }

  private static Expr times(Expr l, Expr r) {
    return bin(BinaryOp.MULTIPLY, l, r);
  }

  private static Expr plus(Expr l, Expr r) {
    return bin(BinaryOp.ADD, l, r);
  }

  private static Expr d(double v) {
    return Expr.Literal.ofDouble(v);
  }

  private static Expr i(int v) {
    return Expr.Literal.ofInt(v);
  }

  private static String simplified(Expr e) {
    return ExprPrinter.print(SIMPLIFIER.simplify(e));
  }

  @Test
  void dropsUnitFactorsAndZeroTerms() {
    assertThat(simplified(times(d(1), X))).isEqualTo("x");
    assertThat(simplified(plus(X, times(d(0), Y)))).isEqualTo("x");
    assertThat(simplified(times(d(0), Y))).isEqualTo("0.0");
  }

  @Test
  void mergesLikeTermsAndPutsConstantsFirst() {
    assertThat(simplified(plus(X, X))).isEqualTo("2 * x");
    assertThat(simplified(plus(times(X, i(3)), times(i(2), X)))).isEqualTo("5 * x");
    assertThat(simplified(times(times(d(1), Y), i(3)))).isEqualTo("3 * y");
    assertThat(simplified(bin(BinaryOp.SUBTRACT, X, X))).isEqualTo("0.0");
  }

  @Test
  void pullsSignsIntoTheCoefficient() {
    Expr negated = new Expr.Unary(UnaryOp.NEGATE, times(X, i(-2)));
    assertThat(simplified(negated)).isEqualTo("2 * x");
    assertThat(simplified(plus(X, new Expr.Unary(UnaryOp.NEGATE, Y)))).isEqualTo("x - y");
    assertThat(simplified(new Expr.Unary(UnaryOp.NEGATE, new Expr.Unary(UnaryOp.NEGATE, N))))
        .isEqualTo("n");
  }

  @Test
  void leavesIntegerArithmeticAsWritten() {
    // reordering n * m * x as (n * m) * x could overflow; n / m must stay an integer division
    assertThat(simplified(times(times(X, N), M))).isEqualTo("x * n * m");
    assertThat(simplified(times(d(1), bin(BinaryOp.DIVIDE, N, M)))).isEqualTo("1.0 * (n / m)");
    assertThat(simplified(bin(BinaryOp.DIVIDE, i(1), i(2)))).isEqualTo("0");
    assertThat(simplified(bin(BinaryOp.DIVIDE, n(), i(0)))).isEqualTo("n / 0");
  }

  private static Expr n() {
    return N;
  }

  @Test
  void keepsAProductOfIntegersFloatingPointWhenItWasSo() {
    // 1.0 * n * m is a double product: dropping the 1.0 would make it an int one
    assertThat(simplified(times(times(d(1), N), M))).isEqualTo("1.0 * n * m");
    assertThat(simplified(times(d(2), N))).isEqualTo("2.0 * n");
  }

  @Test
  void mergesTheTwoBranchesOfATernarysAdjoint() {
    Expr left = new Expr.Conditional(C, X, d(0));
    Expr right = new Expr.Conditional(C, d(0), Y);
    assertThat(simplified(plus(left, right))).isEqualTo("c ? x : y");
    assertThat(simplified(times(new Expr.Conditional(C, d(1), d(0)), Y)))
        .isEqualTo("c ? y : 0.0");
  }

  @Test
  void foldsConstantConditionsAndPowersOfOne() {
    assertThat(simplified(new Expr.Conditional(bin(BinaryOp.EQUALS, i(2), i(0)), X, Y)))
        .isEqualTo("y");
    Expr pow = new Expr.Call("Math", "pow", List.of(X, bin(BinaryOp.SUBTRACT, i(2), i(1))), JType.DOUBLE);
    assertThat(simplified(pow)).isEqualTo("x");
  }

  @Test
  void keepsTheValueOfWhatItSimplifies() {
    Expr e =
        plus(
            times(times(X, Y), bin(BinaryOp.DIVIDE, d(3), plus(X, i(1)))),
            bin(BinaryOp.SUBTRACT, times(Y, X), times(bin(BinaryOp.DIVIDE, X, i(4)), d(-2))));
    Map<String, Double> at = Map.of("x", 0.7, "y", -1.9);
    assertThat(Evaluator.evaluate(SIMPLIFIER.simplify(e), at))
        .isCloseTo(Evaluator.evaluate(e, at), org.assertj.core.api.Assertions.within(1e-14));
  }
}

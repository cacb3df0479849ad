package io.github.ad4j.core.emit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.UnaryOp;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExprPrinterTest {

  private static final Expr A = new Expr.Var("a");
  private static final Expr B = new Expr.Var("b");
  private static final Expr C = new Expr.Var("c");

  private static Expr bin(BinaryOp op, Expr l, Expr r) {
    return new Expr.Binary(op, l, r);
  }

  @Test
  void parenthesisesOnlyWherePrecedenceNeedsIt() {
    assertThat(ExprPrinter.print(bin(BinaryOp.MULTIPLY, bin(BinaryOp.ADD, A, B), C)))
        .isEqualTo("(a + b) * c");
    assertThat(ExprPrinter.print(bin(BinaryOp.ADD, bin(BinaryOp.MULTIPLY, A, B), C)))
        .isEqualTo("a * b + c");
  }

  @Test
  void keepsTheRightOperandOfAnEqualPrecedenceOperatorGrouped() {
    // a - (b - c) and a / (b * c) differ from a - b - c and a / b * c
    assertThat(ExprPrinter.print(bin(BinaryOp.SUBTRACT, A, bin(BinaryOp.SUBTRACT, B, C))))
        .isEqualTo("a - (b - c)");
    assertThat(ExprPrinter.print(bin(BinaryOp.DIVIDE, A, bin(BinaryOp.MULTIPLY, B, C))))
        .isEqualTo("a / (b * c)");
    assertThat(ExprPrinter.print(bin(BinaryOp.SUBTRACT, bin(BinaryOp.SUBTRACT, A, B), C)))
        .isEqualTo("a - b - c");
  }

  @Test
  void neverPrintsTwoMinusSignsTogether() {
    Expr minusTwo = new Expr.Literal(JType.DOUBLE, -2);
    assertThat(ExprPrinter.print(new Expr.Unary(UnaryOp.NEGATE, minusTwo))).isEqualTo("-(-2.0)");
    assertThat(ExprPrinter.print(new Expr.Unary(UnaryOp.NEGATE, new Expr.Unary(UnaryOp.NEGATE, A))))
        .isEqualTo("-(-a)");
    assertThat(ExprPrinter.print(bin(BinaryOp.SUBTRACT, A, minusTwo))).isEqualTo("a - -2.0");
  }

  @Test
  void printsLiteralsAsValidJavaOfTheirType() {
    assertThat(ExprPrinter.print(Expr.Literal.ofInt(3))).isEqualTo("3");
    assertThat(ExprPrinter.print(Expr.Literal.ofDouble(0.1))).isEqualTo("0.1");
    assertThat(ExprPrinter.print(new Expr.Literal(JType.FLOAT, 1.5))).isEqualTo("1.5f");
    assertThat(ExprPrinter.print(new Expr.Literal(JType.LONG, 7))).isEqualTo("7L");
    assertThat(ExprPrinter.print(Expr.Literal.ofDouble(Double.POSITIVE_INFINITY)))
        .isEqualTo("Double.POSITIVE_INFINITY");
    assertThat(ExprPrinter.print(Expr.Literal.ofDouble(Double.NaN))).isEqualTo("Double.NaN");
    assertThat(ExprPrinter.print(Expr.Literal.ofBoolean(true))).isEqualTo("true");
  }

  @Test
  void printsCastsCallsConditionalsAndArrays() {
    Expr call = new Expr.Call("Math", "exp", List.of(bin(BinaryOp.ADD, A, B)), JType.DOUBLE);
    assertThat(ExprPrinter.print(call)).isEqualTo("Math.exp(a + b)");
    assertThat(ExprPrinter.print(new Expr.Cast(JType.INT, bin(BinaryOp.ADD, A, B))))
        .isEqualTo("(int) (a + b)");
    Expr conditional =
        new Expr.Conditional(bin(BinaryOp.GREATER, A, B), A, new Expr.Conditional(bin(BinaryOp.LESS, A, B), B, C));
    assertThat(ExprPrinter.print(conditional)).isEqualTo("a > b ? a : a < b ? b : c");
    assertThat(ExprPrinter.print(bin(BinaryOp.MULTIPLY, conditional, C)))
        .isEqualTo("(a > b ? a : a < b ? b : c) * c");
    assertThat(ExprPrinter.print(new Expr.ArrayAccess(A, Expr.Literal.ofInt(0)))).isEqualTo("a[0]");
  }
}

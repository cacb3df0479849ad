package io.github.ad4j.core.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The walk by index over an expression's children is the list {@code children} gives. */
class ExprRewriterTest {

  private static final Expr X = new Expr.Var("x");
  private static final Expr Y = new Expr.Var("y");
  private static final Expr Z = new Expr.Var("z");

  private static final List<Expr> EVERY_KIND =
      List.of(
          X,
          Expr.Literal.ofDouble(2),
          new Expr.Unary(UnaryOp.NEGATE, X),
          new Expr.Cast(JType.INT, X),
          new Expr.ArrayLength(X),
          new Expr.Binary(BinaryOp.ADD, X, Y),
          new Expr.ArrayAccess(X, Y),
          new Expr.Conditional(X, Y, Z),
          new Expr.Call("Math", "hypot", List.of(X, Y), JType.DOUBLE),
          new Expr.Call("", "f", List.of(), JType.DOUBLE),
          new Expr.NewRecord("FGradient", List.of(X, Y, Z)),
          new Expr.NewArray(JType.DOUBLE, List.of(X, Y)),
          new Expr.Step("top", false, true));

  @Test
  void childByIndexWalksTheChildrenInOrder() {
    for (Expr e : EVERY_KIND) {
      List<Expr> walked = new ArrayList<>();
      for (int i = 0; i < ExprRewriter.childCount(e); i++) {
        walked.add(ExprRewriter.child(e, i));
      }
      assertThat(walked).as("%s", e).isEqualTo(ExprRewriter.children(e));
      int past = ExprRewriter.childCount(e);
      assertThatThrownBy(() -> ExprRewriter.child(e, past))
          .as("%s", e)
          .isInstanceOf(IndexOutOfBoundsException.class);
    }
  }

  @Test
  void anyAndAllAskTheDirectChildrenOnly() {
    Expr sum = new Expr.Binary(BinaryOp.ADD, X, new Expr.Unary(UnaryOp.NEGATE, Y));
    assertThat(ExprRewriter.anyChild(sum, X::equals)).isTrue();
    assertThat(ExprRewriter.anyChild(sum, Y::equals)).isFalse(); // y is a grandchild
    assertThat(ExprRewriter.allChildren(sum, c -> c instanceof Expr.Var)).isFalse();
    assertThat(ExprRewriter.allChildren(new Expr.Binary(BinaryOp.ADD, X, Y),
        c -> c instanceof Expr.Var)).isTrue();
    assertThat(ExprRewriter.allChildren(X, c -> false)).isTrue(); // no children
  }
}

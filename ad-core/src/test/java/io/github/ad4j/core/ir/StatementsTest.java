package io.github.ad4j.core.ir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementsTest {

  private static final Expr X = new Expr.Var("x");
  private static final Stmt RETURN = new Stmt.Return(X, null);
  private static final Stmt LOOP =
      new Stmt.Loop(Stmt.LoopKind.WHILE, List.of(), Expr.Literal.ofBoolean(false), List.of(),
          List.of(), null);

  @Test
  void hasLoopFindsALoopAtAnyDepth() {
    assertThat(Statements.hasLoop(List.of(RETURN, LOOP))).isTrue();
    Stmt branch = new Stmt.If(X, List.of(RETURN), List.of(new Stmt.Block(List.of(LOOP))), null);
    assertThat(Statements.hasLoop(List.of(branch))).isTrue();
    assertThat(Statements.hasLoop(List.of(new Stmt.Labeled("outer", LOOP)))).isTrue();
  }

  @Test
  void hasLoopIsFalseForStraightLineCodeAndBranches() {
    Stmt branch = new Stmt.If(X, List.of(RETURN), List.of(RETURN), null);
    assertThat(Statements.hasLoop(List.of(new Stmt.Declare(JType.DOUBLE, "y", X, null), branch)))
        .isFalse();
    assertThat(Statements.hasLoop(List.of())).isFalse();
  }

  @Test
  void onlyTapesRecordsAndCallsOtherThanMathsHaveOpaqueEffects() {
    assertThat(Statements.hasOpaqueEffect(new Expr.Step("top", false, true))).isTrue();
    assertThat(Statements.hasOpaqueEffect(new Expr.NewRecord("FGradient", List.of(X)))).isTrue();
    assertThat(Statements.hasOpaqueEffect(new Expr.Call("CGrad", "fPullback", List.of(X),
        JType.DOUBLE))).isTrue();
    assertThat(Statements.hasOpaqueEffect(new Expr.Call("", "g", List.of(X), JType.DOUBLE)))
        .isTrue();
    assertThat(Statements.hasOpaqueEffect(new Expr.Call("Math", "sin", List.of(X), JType.DOUBLE)))
        .isFalse();
    assertThat(Statements.hasOpaqueEffect(X)).isFalse();
    // only the expression itself: its operands are the caller's to walk
    assertThat(Statements.hasOpaqueEffect(
        new Expr.Binary(BinaryOp.ADD, X, new Expr.Step("top", false, true)))).isFalse();
  }

  @Test
  void declaredCollectsDeclarationsAtAnyDepthButNotAssignments() {
    Stmt inner = new Stmt.Declare(JType.DOUBLE, "inner", X, null);
    Stmt branch =
        new Stmt.If(X, List.of(inner), List.of(new Stmt.Assign(new Expr.Var("y"), AssignOp.SET, X,
            null)), null);
    java.util.Set<String> names = new java.util.HashSet<>();
    Statements.declared(List.of(new Stmt.Declare(JType.DOUBLE, "outer", X, null), branch), names);
    assertThat(names).containsExactlyInAnyOrder("outer", "inner");
  }
}

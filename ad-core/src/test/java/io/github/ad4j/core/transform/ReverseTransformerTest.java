package io.github.ad4j.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.analyse.Activity;
import io.github.ad4j.core.emit.ExprPrinter;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.normalise.Names;
import io.github.ad4j.core.rules.RuleTable;
import io.github.ad4j.core.testing.Pipeline;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The raw sweeps, before simplification: what is saved, restored and accumulated, in order. */
class ReverseTransformerTest {

  private static Sweeps sweeps(String members) {
    Procedure p = Pipeline.procedure(members, "f");
    return ReverseTransformer.transform(
        p, Activity.of(p), RuleTable.builtIn(), new Names(p.variables().keySet()),
        Expr.Literal.ofDouble(1));
  }

  private static List<String> show(List<Stmt> stmts) {
    return stmts.stream()
        .map(
            s -> {
              if (s instanceof Stmt.Declare d) {
                return "declare " + d.name() + " = " + (d.init() == null ? "" : ExprPrinter.print(d.init()));
              }
              if (s instanceof Stmt.Assign a) {
                return ExprPrinter.print(a.target()) + " " + a.op().symbol() + " " + ExprPrinter.print(a.value());
              }
              if (s instanceof Stmt.Comment c) {
                return "// " + c.text().replaceAll("\\s+\\(C.java:\\d+\\)", "");
              }
              return "return " + ExprPrinter.print(((Stmt.Return) s).value());
            })
        .collect(Collectors.toList());
  }

  @Test
  void savesAValueBeforeItIsOverwrittenAndRestoresItFirstWhenTheStatementReadsIt() {
    Sweeps s = sweeps("@Differentiable static double f(double x) { double t = x; t = t * t; return t; }");
    assertThat(show(s.forward()))
        .containsExactly("declare t = x", "declare tSaved = t", "t = t * t", "declare f = t");
    assertThat(show(s.backward()))
        .containsExactly(
            "// grad of: return t;",
            "declare dt = 1.0",
            "// grad of: t = t * t;",
            "t = tSaved",
            "dt = dt * (2 * t)",
            "// grad of: double t = x;",
            "declare dx = dt");
  }

  @Test
  void restoresLastWhenThePartialsReadTheNewValue() {
    Sweeps s =
        sweeps(
            "@Differentiable static double f(double x) { double e = Math.sin(x); double g = e * e;"
                + " e = Math.exp(x); return e + g; }");
    assertThat(show(s.backward()))
        .containsSubsequence(
            "// grad of: e = Math.exp(x);", "declare dx = de * e", "e = eSaved");
  }

  @Test
  void anInputNoPathReachesHasAStructurallyZeroAdjoint() {
    Sweeps s = sweeps("@Differentiable static double f(double x, double y) { return x * 2; }");
    assertThat(s.adjoints().get("y")).isEqualTo(Expr.Literal.ofDouble(0));
    assertThat(s.adjoints().get("x")).isEqualTo(new Expr.Var("dx"));
  }

  @Test
  void anOverwrittenValueContributesNothingBeforeItsOverwriteAndIsNotSavedWhenNothingReadsIt() {
    // the first t = x * 3 is dead: its adjoint must be reset, not carried into x
    Sweeps s =
        sweeps("@Differentiable static double f(double x) { double t = x * 3; t = x; return t; }");
    assertThat(show(s.backward()))
        .containsExactly(
            "// grad of: return t;",
            "declare dt = 1.0",
            "// grad of: t = x;",
            "declare dx = dt");
    assertThat(show(s.forward())).doesNotContain("declare tSaved = t");
  }
}

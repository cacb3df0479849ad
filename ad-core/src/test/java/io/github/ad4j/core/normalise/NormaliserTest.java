package io.github.ad4j.core.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ad4j.core.check.MethodRejected;
import io.github.ad4j.core.emit.ExprPrinter;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.testing.Pipeline;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NormaliserTest {

  /** The normalised body, one statement per line, as Java-like text. */
  private static List<String> body(String members, String name) {
    Procedure p = Pipeline.procedure(members, name);
    return p.body().stream().map(NormaliserTest::show).collect(Collectors.toList());
  }

  private static String show(Stmt stmt) {
    if (stmt instanceof Stmt.Declare d) {
      return d.type() + " " + d.name() + (d.init() == null ? "" : " = " + ExprPrinter.print(d.init()));
    }
    if (stmt instanceof Stmt.Assign a) {
      return ExprPrinter.print(a.target()) + " " + a.op().symbol() + " " + ExprPrinter.print(a.value());
    }
    return "return " + ExprPrinter.print(((Stmt.Return) stmt).value());
  }

  @Test
  void splitsDeclarationsAndKeepsCompoundAssignments() {
    assertThat(
            body(
                "@Differentiable static double f(double x) { double a = x, b; b = a * 2; b += x; b++; return b; }",
                "f"))
        .containsExactly(
            "double a = x", "double b", "b = a * 2", "b += x", "b += 1", "return b");
  }

  @Test
  void givesEachCallOfAnInputItsOwnStatementAndSharesEqualCalls() {
    assertThat(
            body(
                "@Differentiable static double t(double x) {"
                    + " return (1 - Math.exp(-2 * x)) / (1 + Math.exp(-2 * x)); }",
                "t"))
        .containsExactly("double exp = Math.exp(-2 * x)", "return (1 - exp) / (1 + exp)");
  }

  @Test
  void hoistsInnerCallsFirstAndAvoidsTheUsersNames() {
    assertThat(
            body(
                "@Differentiable static double f(double x) { double exp = 2;"
                    + " return Math.sin(Math.exp(x)) * exp; }",
                "f"))
        .containsExactly(
            "double exp = 2",
            "double exp2 = Math.exp(x)",
            "double sin = Math.sin(exp2)",
            "return sin * exp");
  }

  @Test
  void leavesACallThatIsTheWholeRightHandSideUnlessItReadsItsTarget() {
    assertThat(
            body(
                "@Differentiable static double f(double x) { double e = Math.exp(x);"
                    + " e = Math.exp(e); return e; }",
                "f"))
        .containsExactly(
            "double e = Math.exp(x)", "double exp = Math.exp(e)", "e = exp", "return e");
  }

  @Test
  void doesNotHoistCallsOfConstants() {
    assertThat(body("@Differentiable static double f(double x) { return x * Math.sqrt(2); }", "f"))
        .containsExactly("return x * Math.sqrt(2)");
  }

  @Test
  void readsStaticImportsAndClassConstants() {
    Procedure p =
        Pipeline.procedure(
            "static final double K = 2; private static final double HIDDEN = K * 3;"
                + " @Differentiable static double f(double x) { return K * x + HIDDEN; }",
            "f");
    assertThat(show(p.body().get(0))).isEqualTo("return C.K * x + C.K * 3");
  }

  @Test
  void infersTheTypeOfVar() {
    Procedure p =
        Pipeline.procedure(
            "@Differentiable static double f(double x, int n) { var k = n * 2; var y = x * k;"
                + " return y; }",
            "f");
    assertThat(p.variables()).containsEntry("k", JType.INT).containsEntry("y", JType.DOUBLE);
  }

  @Test
  void rejectsEveryUnsupportedStatementWithItsPosition() {
    assertThatThrownBy(
            () ->
                Pipeline.procedure(
                    "@Differentiable static double f(double x) {\n"
                        + "  synchronized (C.class) { x = 1; }\n"
                        + "  switch ((int) x) { default: x--; }\n"
                        + "  return x;\n"
                        + "}",
                    "f"))
        .isInstanceOfSatisfying(
            MethodRejected.class,
            e -> {
              assertThat(e.errors()).hasSize(2);
              assertThat(e.errors().get(0).origin().line()).isEqualTo(7);
              assertThat(e.errors().get(0).origin().column()).isEqualTo(3);
              assertThat(e.errors().get(0).getMessage()).startsWith("synchronized statement");
              assertThat(e.errors().get(1).getMessage()).startsWith("switch statement");
            });
  }
}

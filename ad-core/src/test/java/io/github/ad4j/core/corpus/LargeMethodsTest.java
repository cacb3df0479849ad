package io.github.ad4j.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.DerivativeGenerator;
import io.github.ad4j.core.Diagnostic;
import io.github.ad4j.core.GenerationResult;
import io.github.ad4j.core.SourceFile;
import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.GradientCheck;
import io.github.ad4j.core.testing.InMemoryCompiler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Methods far larger than people write: thousands of statements, blocks nested a hundred deep,
 * expressions of thousands of terms. Each is generated without a stack overflow and in seconds,
 * and either compiles and matches finite differences or is refused with a positioned error.
 */
class LargeMethodsTest {

  private static final String HEAD =
      "package p;\n\nimport io.github.ad4j.Differentiable;\n\nclass Big {\n"
          + "  @Differentiable\n  static double f(double x, double y) {\n"
          + "    double a = x;\n    double c = y;\n";

  private static final String TAIL = "    return a * c;\n  }\n}\n";

  private static final List<Object[]> POINTS =
      List.of(new Object[] {0.7, -0.4}, new Object[] {-1.3, 0.9});

  @Test
  void aStraightLineMethodOfSixHundredStatementsIsDifferentiated() {
    StringBuilder source = new StringBuilder(HEAD);
    for (int i = 0; i < 600; i++) {
      source.append(
          i % 3 == 0
              ? "    a += 0.01 * Math.sin(c);\n"
              : i % 3 == 1
                  ? "    c -= 0.01 * Math.tanh(a * c);\n"
                  : "    double t" + i + " = Math.cos(a * c);\n    a = a * 0.999 + t" + i + " * 0.01;\n");
    }
    Differentiated d = onDeepStack(() -> Differentiated.of("Big", source + TAIL));
    GradientCheck.verify(d, "f", new String[] {"x", "y"}, new int[] {0, 1}, POINTS);
  }

  @Test
  void aMethodOfFiveThousandAssignmentsIsRefusedAtItsNameAsTooLongForTheJvm() {
    StringBuilder source = new StringBuilder(HEAD);
    for (int i = 0; i < 5000; i++) {
      source.append(i % 2 == 0 ? "    a += 0.001 * c;\n" : "    c -= 0.001 * a;\n");
    }
    source.append(TAIL.replace("}\n}\n", "}\n\n  @Differentiable\n  static double ok(double x) {\n"
        + "    return x * x;\n  }\n}\n"));
    GenerationResult result =
        DerivativeGenerator.create().generate(List.of(new SourceFile("p/Big.java", source.toString())));
    assertThat(result.diagnostics()).hasSize(1);
    Diagnostic d = result.diagnostics().get(0);
    assertThat(d.line() + ":" + d.column()).isEqualTo("7:17");
    assertThat(d.message())
        .startsWith("method f is too long to differentiate: its derivative dfdx would need about")
        .contains("the JVM's limit of 65535 bytes per method; split f into smaller"
            + " @Differentiable methods that call each other");
    // the rest of the class is generated, and compiles with the method (javac accepts f itself)
    assertThat(result.files()).hasSize(1);
    assertThat(result.files().get(0).content()).contains("dokdx").doesNotContain("dfdx(");
    onDeepStack(
        () ->
            InMemoryCompiler.compile(
                Map.of("p/Big.java", source.toString(), "p/BigGrad.java",
                    result.files().get(0).content())));
  }

  @Test
  void blocksNestedAHundredDeepAreDifferentiated() {
    StringBuilder source =
        new StringBuilder(HEAD.replace("double x, double y", "double x, double y, int n"));
    for (int i = 0; i < 100; i++) {
      switch (i % 3) {
        case 0:
          source.append("    if (a > -" + (i + 10) + ") {\n");
          break;
        case 1:
          source.append("    for (int i" + i + " = 0; i" + i + " < n; i" + i + "++) {\n");
          break;
        default:
          source.append("    int w" + i + " = 0;\n    while (w" + i + " < n) {\n      w" + i
              + "++;\n");
      }
      source.append("      a = a * 0.99 + 0.02 * Math.sin(c);\n      c = c + 0.01 * a;\n");
    }
    source.append("    }\n".repeat(100));
    Differentiated d = onDeepStack(() -> Differentiated.of("Big", source + TAIL));
    // every loop runs once (n = 1) or never (n = 0), so each of the 100 levels is reached or none
    GradientCheck.verify(d, "f", new String[] {"x", "y"}, new int[] {0, 1},
        List.of(new Object[] {0.7, -0.4, 1}, new Object[] {-1.3, 0.9, 1},
            new Object[] {0.2, 0.3, 0}));
  }

  @Test
  void expressionsOfAThousandTermsAndAHundredNestedCallsAreDifferentiated() {
    StringBuilder source = new StringBuilder(HEAD);
    source.append("    a = a");
    for (int i = 0; i < 1000; i++) {
      source.append(i % 2 == 0 ? " + 0.001 * Math.sin(c * " + (i % 7) + ")" : " + 0.001 * a * c");
    }
    source.append(";\n    c = ");
    source.append("(a + 0.5 * Math.sin(".repeat(100)).append("c").append("))".repeat(100));
    source.append(";\n");
    Differentiated d = onDeepStack(() -> Differentiated.of("Big", source + TAIL));
    GradientCheck.verify(d, "f", new String[] {"x", "y"}, new int[] {0, 1}, POINTS);
  }

  @Test
  void expressionsNestedThousandsDeepGiveAPositionedErrorNotAStackOverflow() {
    // every stage recurses over this; its derivative is too long for the JVM, so it is refused
    String source =
        HEAD + "    c = " + "(a + Math.sin(".repeat(3000) + "c" + "))".repeat(3000) + ";\n" + TAIL;
    GenerationResult result =
        DerivativeGenerator.create().generate(List.of(new SourceFile("p/Big.java", source)));
    assertThat(result.diagnostics())
        .extracting(Diagnostic::format)
        .singleElement()
        .asString()
        .startsWith("p/Big.java:7:17: method f is too long to differentiate");
  }

  /** Runs {@code task} on a thread whose stack javac's recursion over deep sources fits in. */
  private static <T> T onDeepStack(java.util.function.Supplier<T> task) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                result.set(task.get());
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "deep",
            256L * 1024 * 1024);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    if (failure.get() instanceof Error error) {
      throw error;
    }
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    return result.get();
  }
}

package io.github.ad4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.ad4j.core.testing.InMemoryCompiler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the generator refuses, and how: for each unsupported construct, one error at its exact line
 * and column whose message names it, the method left out of the generated class, the other methods
 * of the class still generated (and compiling, when the user's class is valid Java), and no
 * exception.
 *
 * <p>Every source declares a supported method {@code ok} before the one that is refused, {@code
 * bad}. Lines and columns count from 1, as compilers do; a problem inside a body is reported where
 * the construct begins, a problem with the method as a whole where its declaration begins (its
 * first annotation).
 */
class DiagnosticsTest {

  private static final boolean VALID_JAVA = true;
  private static final boolean NOT_VALID_JAVA = false;

  @Test
  void switchStatement() {
    assertRejected(
        "Switch",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Switch {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          static double bad(double x, int n) {
            double y = x;
            switch (n) {
              case 1:
                y = 2 * x;
                break;
              default:
                y = 3 * x;
            }
            return y;
          }
        }
        """,
        14,
        5,
        "switch statement",
        VALID_JAVA);
  }

  @Test
  void tryStatement() {
    assertRejected(
        "Try",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Try {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          static double bad(double x) {
            double y = x;
            try { y = 1 / x; } finally { y += 1; }
            return y;
          }
        }
        """,
        14,
        5,
        "try statement",
        VALID_JAVA);
  }

  @Test
  void throwStatement() {
    assertRejected(
        "Throw",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Throw {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          static double bad(double x) {
            double y = x;
            throw new IllegalStateException("never");
          }
        }
        """,
        14,
        5,
        "throw statement",
        VALID_JAVA);
  }

  @Test
  void lambda() {
    assertRejected(
        "Lambda",
        """
        package p;

        import io.github.ad4j.Differentiable;
        import java.util.function.DoubleUnaryOperator;

        class Lambda {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          static double bad(double x) {
            DoubleUnaryOperator twice = t -> 2 * t;
            return twice.applyAsDouble(x);
          }
        }
        """,
        14,
        33,
        "lambda",
        VALID_JAVA);
  }

  @Test
  void objectCreation() {
    assertRejected(
        "New",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class New {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          static double bad(double x) {
            Object lock = new Object();
            return x * x;
          }
        }
        """,
        13,
        19,
        "object creation",
        VALID_JAVA);
  }

  @Test
  void readOfAStaticArrayField() {
    assertRejected(
        "ArrayAccess",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class ArrayAccess {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          static double bad(double x) {
            return x * W[1];
          }

          static final double[] W = {1, 2};
        }
        """,
        13,
        16,
        "field `W` cannot be read",
        VALID_JAVA);
  }

  @Test
  void callOfAMethodOutsideMath() {
    assertRejected(
        "Call",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Call {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          static double bad(double x) {
            double y = 1 + helper(x);
            return y;
          }

          static double helper(double x) {
            return x;
          }
        }
        """,
        13,
        20,
        "call",
        VALID_JAVA);
  }

  @Test
  void callOfAStaticMethodOfAnotherClass() {
    assertRejected(
        "OtherClass",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class OtherClass {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          static double bad(double x) {
            return Double.valueOf(x).doubleValue();
          }
        }
        """,
        13,
        12,
        "call",
        VALID_JAVA);
  }

  @Test
  void callOfAnInstanceMethodThatIsNotDifferentiable() {
    assertRejected(
        "Instance",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Instance {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          double bad(double x) {
            return helper(x) * x;
          }

          double helper(double x) {
            return x;
          }
        }
        """,
        13,
        12,
        "call to helper, which is not @Differentiable",
        VALID_JAVA);
  }

  @Test
  void methodOfANestedClass() {
    assertRejected(
        "Nested",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Nested {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          static class Inner {
            @Differentiable
            static double bad(double x) {
              return x * x;
            }
          }
        }
        """,
        12,
        5,
        "nested type",
        VALID_JAVA);
  }

  @Test
  void fieldWrite() {
    assertRejected(
        "FieldWrite",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class FieldWrite {
          static double last;

          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          static double bad(double x) {
            last = x;
            return x * x;
          }
        }
        """,
        15,
        5,
        "assignment to field `last`",
        VALID_JAVA);
  }

  @Test
  void assignmentInsideAnExpression() {
    assertRejected(
        "NestedAssignment",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class NestedAssignment {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          static double bad(double x) {
            double y;
            double z = (y = x) * 2;
            return y + z;
          }
        }
        """,
        14,
        17,
        "assignment inside an expression",
        VALID_JAVA);
  }

  @Test
  void incrementInsideAnExpression() {
    assertRejected(
        "NestedIncrement",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class NestedIncrement {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          static double bad(double x) {
            double y = x;
            double z = 2 * y++;
            return y + z;
          }
        }
        """,
        14,
        20,
        "increment or decrement inside an expression",
        VALID_JAVA);
  }

  @Test
  void genericMethod() {
    assertRejected(
        "Generic",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Generic {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          static <T> double bad(double x) {
            return x * x;
          }
        }
        """,
        11,
        3,
        "generic method bad",
        VALID_JAVA);
  }

  @Test
  void varargs() {
    assertRejected(
        "Varargs",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Varargs {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          static double bad(double x, double... rest) {
            return x * x;
          }
        }
        """,
        12,
        31,
        "varargs parameter rest",
        VALID_JAVA);
  }

  @Test
  void returnTypeOtherThanDoubleOrFloat() {
    assertRejected(
        "IntResult",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class IntResult {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          static int bad(double x) {
            return (int) x;
          }
        }
        """,
        12,
        10,
        "returns int",
        VALID_JAVA);
  }

  @Test
  void wrtNamingAMissingParameter() {
    assertRejected(
        "WrtMissing",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class WrtMissing {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable(wrt = {"x", "z"})
          static double bad(double x, double y) {
            return x * y;
          }
        }
        """,
        11,
        31,
        "\"z\", which is not a parameter of bad",
        VALID_JAVA);
  }

  @Test
  void wrtNamingAnIntParameter() {
    assertRejected(
        "WrtInt",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class WrtInt {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable(wrt = "n")
          static double bad(double x, int n) {
            return x * n;
          }
        }
        """,
        11,
        25,
        "\"n\" of type int",
        VALID_JAVA);
  }

  @Test
  void variableNamedLikeTheAdjointOfAnother() {
    assertRejected(
        "AdjointName",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class AdjointName {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          static double bad(double x) {
            double dx = x * 0.01;
            return x + dx;
          }
        }
        """,
        13,
        12,
        "variable dx",
        VALID_JAVA);
  }

  @Test
  void secondOverloadOfAName() {
    GenerationResult result =
        assertRejected(
            "Overload",
            """
            package p;

            import io.github.ad4j.Differentiable;

            class Overload {
              @Differentiable
              static double bad(double x) {
                return x * x;
              }

              @Differentiable
              static double bad(double x, double y) {
                return x * y;
              }

              @Differentiable
              static double ok(double x) {
                return x * x;
              }
            }
            """,
            11,
            3,
            "overloaded",
            VALID_JAVA,
            "public static double dbaddx(double x)");
    // the first overload is generated; only the second is refused
    assertThat(result.files().get(0).content()).doesNotContain("dbaddy");
  }

  @Test
  void syntaxErrorRejectsTheFileAndNoOther() {
    String broken =
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Broken {
          @Differentiable
          static double ok(double x) {
            return x * x
          }
        }
        """;
    String fine =
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Fine {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }
        }
        """;
    GenerationResult result =
        DerivativeGenerator.create()
            .generate(
                List.of(
                    new SourceFile("p/Broken.java", broken), new SourceFile("p/Fine.java", fine)));

    assertThat(result.diagnostics()).hasSize(1);
    Diagnostic d = result.diagnostics().get(0);
    assertThat(d.severity()).isEqualTo(Diagnostic.Severity.ERROR);
    assertThat(d.file()).isEqualTo("p/Broken.java");
    // the last token before the missing semicolon
    assertThat(d.line()).isEqualTo(8);
    assertThat(d.column()).isEqualTo(16);
    assertThat(d.message()).startsWith("syntax error");
    assertThat(result.files())
        .extracting(GeneratedFile::relativePath)
        .containsExactly("p/FineGrad.java");
  }

  @Test
  void everyProblemOfOneMethodIsReportedAndTheMethodLeftOut() {
    GenerationResult result =
        DerivativeGenerator.create()
            .generate(
                List.of(
                    new SourceFile(
                        "p/Many.java",
                        """
                        package p;

                        import io.github.ad4j.Differentiable;

                        class Many {
                          @Differentiable
                          static double bad(double x) {
                            synchronized (Many.class) { x = 1; }
                            switch ((int) x) { default: x *= 2; }
                            return x * unknown;
                          }

                          static double helper(double x) {
                            return x;
                          }
                        }
                        """)));

    assertThat(result.diagnostics())
        .extracting(d -> d.line() + ":" + d.column())
        .containsExactly("8:5", "9:5", "10:16");
    assertThat(result.files()).isEmpty();
    assertThat(result.hasErrors()).isTrue();
  }

  @Test
  void aRefusedDeclarationStillDeclaresItsVariable() {
    GenerationResult result =
        DerivativeGenerator.create()
            .generate(
                List.of(
                    new SourceFile(
                        "p/Cascade.java",
                        """
                        package p;

                        import io.github.ad4j.Differentiable;

                        class Cascade {
                          @Differentiable
                          static double bad(double x) {
                            double y;
                            double z = (y = x) * 2;
                            return y + z;
                          }
                        }
                        """)));

    assertThat(result.diagnostics())
        .extracting(Diagnostic::format)
        .containsExactly(
            "p/Cascade.java:9:17: assignment inside an expression is not supported; write it as a"
                + " statement of its own");
  }

  /**
   * More refusals, each a one-line member (written from column 3 of line 11) of a class whose first
   * lines are fixed, {@code ok} on lines 6 to 9: what, column, phrase, member.
   */
  static Stream<Arguments> otherRefusals() {
    String bad = "@Differentiable static double bad(double x) ";
    return Stream.of(
        arguments(
            "abstract method", 3, "no body", "@Differentiable static native double bad(double x);"),
        arguments(
            "void method", 26, "returns void", "@Differentiable static void bad(double x) {}"),
        arguments(
            "no double parameter",
            3,
            "no double or float parameter",
            "@Differentiable static double bad(int n) { return n; }"),
        arguments(
            "empty wrt",
            3,
            "wrt is empty",
            "@Differentiable(wrt = {}) static double bad(double x) { return x; }"),
        arguments(
            "value attribute",
            3,
            "has no value()",
            "@Differentiable(\"x\") static double bad(double x) { return x; }"),
        arguments("no-effect statement", 49, "has no effect", bad + "{ Math.sin(x); return x; }"),
        arguments("string local", 60, "string", bad + "{ String s = \"s\"; return x; }"),
        arguments("unknown name", 60, "`y` is not a parameter", bad + "{ return x * y; }"),
        arguments(
            "instance field read",
            70,
            "field `k` cannot be read",
            "double k; " + bad + "{ return x * k; }"),
        arguments(
            "array alias",
            86,
            "refers to another array",
            bad + "{ double[] a = new double[2]; double[] b = a; return x; }"),
        arguments(
            "switch statement", 49, "switch statement", bad + "{ switch ((int) x) { default: x = 2; } return x; }"),
        arguments(
            "synchronized",
            49,
            "synchronized",
            bad + "{ synchronized (Other.class) { x *= 2; } return x; }"),
        arguments("this", 61, "this is not supported", bad + "{ Object me = this; return x; }"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void otherRefusals(String what, int column, String phrase, String member) {
    String source =
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Other {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

        """
            + "  "
            + member
            + "\n}\n";
    assertRejected("Other", source, 11, column, phrase, NOT_VALID_JAVA);
  }

  @Test
  void aMathFunctionWithoutADerivativeRule() {
    assertRejected(
        "NoRule",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class NoRule {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          static double bad(double x) {
            return 2 * x + Math.nextUp(x);
          }
        }
        """,
        13,
        20,
        "no derivative rule for Math.nextUp",
        VALID_JAVA);
  }

  @Test
  void aMathFunctionWithoutADerivativeRuleIsReportedAtTheCallThatNeedsOne() {
    // the first nextUp has a constant argument and is fine; the error is about the second
    assertRejected(
        "NoRuleTwice",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class NoRuleTwice {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          static double bad(double x, int n) {
            double y = x * Math.nextUp(n) +
                Math.nextUp(x);
            return y;
          }
        }
        """,
        14,
        9,
        "no derivative rule for Math.nextUp",
        VALID_JAVA);
  }

  @Test
  void aCallInsideAConditionalIsReportedAtTheCall() {
    assertRejected(
        "InTernary",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class InTernary {
          @Differentiable
          static double ok(double x) {
            return x * x;
          }

          @Differentiable
          static double bad(double x) {
            return x > 0 ? 2 * ok(x) : x;
          }
        }
        """,
        13,
        24,
        "call to ok inside a conditional expression",
        VALID_JAVA);
  }

  @Test
  void staticMethodsOfInterfacesRecordsAndEnumsAreGenerated() {
    for (String kind : List.of("interface", "record", "enum")) {
      String header = kind.equals("record") ? "record Owner(double a)" : kind + " Owner";
      String source =
          "package p;\n\nimport io.github.ad4j.Differentiable;\n\n"
              + header
              + " {\n"
              + (kind.equals("enum") ? "  A;\n" : "")
              + "  @Differentiable\n  static double f(double x) {\n    return x * x;\n  }\n}\n";
      GenerationResult result =
          DerivativeGenerator.create().generate(List.of(new SourceFile("p/Owner.java", source)));
      assertThat(result.diagnostics()).as(kind).isEmpty();
      assertThat(result.files()).as(kind).hasSize(1);
      Map<String, String> sources = new LinkedHashMap<>();
      sources.put("p/Owner.java", source);
      sources.put(result.files().get(0).relativePath(), result.files().get(0).content());
      InMemoryCompiler.compile(sources);
    }
  }

  @Test
  void aClassInTheDefaultPackageGetsItsDerivativesInTheDefaultPackage() {
    String source =
        """
        import io.github.ad4j.Differentiable;

        class Top {
          @Differentiable
          static double f(double x) {
            return x * x;
          }
        }
        """;
    GenerationResult result =
        DerivativeGenerator.create().generate(List.of(new SourceFile("Top.java", source)));
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.files())
        .extracting(GeneratedFile::relativePath)
        .containsExactly("TopGrad.java");
    InMemoryCompiler.compile(
        Map.of("Top.java", source, "TopGrad.java", result.files().get(0).content()));
  }

  @Test
  void filesWithoutDifferentiableMethodsGiveNothingAndNoError() {
    GenerationResult result =
        DerivativeGenerator.create()
            .generate(
                List.of(
                    new SourceFile("p/Empty.java", ""),
                    new SourceFile(
                        "p/Plain.java",
                        "package p;\n\nclass Plain { double f(double x) { return x; } }\n"),
                    new SourceFile("p/Mention.java", "package p; // Differentiable\n"),
                    new SourceFile(
                        "p/Other.java",
                        "package p;\n\n"
                            + "import other.Differentiable;\n\n"
                            + "class Other { @Differentiable static double f(double x) { return x;"
                            + " } }\n")));
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.files()).isEmpty();
  }

  @Test
  void aMethodWithoutAReturnStatementIsRefused() {
    GenerationResult result =
        DerivativeGenerator.create()
            .generate(
                List.of(
                    new SourceFile(
                        "p/NoReturn.java",
                        """
                        package p;

                        import io.github.ad4j.Differentiable;

                        class NoReturn {
                          @Differentiable
                          static double noReturn(double x) {
                            double y = x * x;
                          }
                        }
                        """)));
    assertThat(result.diagnostics()).extracting(Diagnostic::line).containsExactly(7);
    assertThat(result.files()).isEmpty();
  }

  @Test
  void diagnosticsFormatAsCompilersDo() {
    Diagnostic d =
        new Diagnostic(Diagnostic.Severity.ERROR, "src/main/java/p/C.java", 12, 5, "if statement");
    assertThat(d.format()).isEqualTo("src/main/java/p/C.java:12:5: if statement");
  }

  /**
   * Generates {@code source} (class {@code className} in {@code p/className.java}) and asserts that
   * its first error is at {@code line}:{@code column} with a message that contains {@code phrase}
   * (most cases have no other; see {@link #aRefusedDeclarationStillDeclaresItsVariable}); that the
   * generated class has {@code dokdx} (and whatever else {@code generated} lists) but nothing of
   * {@code bad} other than that; and, if the source is valid Java, that it compiles with the
   * generated class.
   */
  private static GenerationResult assertRejected(
      String className,
      String source,
      int line,
      int column,
      String phrase,
      boolean validJava,
      String... generated) {
    String path = "p/" + className + ".java";
    GenerationResult result =
        DerivativeGenerator.create().generate(List.of(new SourceFile(path, source)));

    assertThat(result.diagnostics()).as("diagnostics").isNotEmpty();
    assertThat(result.diagnostics())
        .allSatisfy(e -> assertThat(e.severity()).isEqualTo(Diagnostic.Severity.ERROR));
    Diagnostic d = result.diagnostics().get(0);
    assertThat(d.severity()).isEqualTo(Diagnostic.Severity.ERROR);
    assertThat(d.file()).isEqualTo(path);
    assertThat(d.line() + ":" + d.column())
        .as("line:column of %s", d)
        .isEqualTo(line + ":" + column);
    assertThat(d.message()).contains(phrase);

    assertThat(result.files()).hasSize(1);
    GeneratedFile file = result.files().get(0);
    assertThat(file.relativePath()).isEqualTo("p/" + className + "Grad.java");
    assertThat(file.content()).contains("public static double dokdx(double x)");
    for (String expected : generated) {
      assertThat(file.content()).contains(expected);
    }
    if (generated.length == 0) {
      assertThat(file.content()).doesNotContain("dbadd").doesNotContain("badGradient");
    }

    if (validJava) {
      Map<String, String> sources = new LinkedHashMap<>();
      sources.put(path, source);
      sources.put(file.relativePath(), file.content());
      InMemoryCompiler.compile(sources);
    }
    return result;
  }
}

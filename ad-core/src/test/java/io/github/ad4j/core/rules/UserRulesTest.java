package io.github.ad4j.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ad4j.core.DerivativeGenerator;
import io.github.ad4j.core.Diagnostic;
import io.github.ad4j.core.GeneratedFile;
import io.github.ad4j.core.GenerationResult;
import io.github.ad4j.core.SourceFile;
import io.github.ad4j.core.testing.FiniteDifferences;
import io.github.ad4j.core.testing.InMemoryCompiler;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Derivative rules the user declares in their own sources, for functions the tool cannot see:
 * the same {@code @Partial} methods as the built-in Math table.
 */
class UserRulesTest {

  /** A library the build calls but does not compile: the generator never sees its source. */
  private static final String LIBRARY =
      """
      package lib;

      public final class Special {
        private Special() {}

        public static double softplus(double x) {
          return Math.log1p(Math.exp(x));
        }

        public static double scaledHypot(double x, double y) {
          return 2 * Math.hypot(x, y);
        }
      }
      """;

  private static final String MODEL =
      """
      package p;

      import io.github.ad4j.Differentiable;
      import io.github.ad4j.Partial;
      import lib.Special;

      class Model {
        @Partial(of = "Special.softplus", wrt = "x")
        static double softplusSlope(double x) {
          return 1 / (1 + Math.exp(-x));
        }

        @Partial(of = "Special.scaledHypot", wrt = "x")
        static double scaledHypotX(double x, double y) {
          return 4 * x / Special.scaledHypot(x, y);
        }

        @Partial(of = "Special.scaledHypot", wrt = "y")
        static double scaledHypotY(double x, double y) {
          return 4 * y / Special.scaledHypot(x, y);
        }

        @Differentiable
        static double loss(double x, double y) {
          double a = Special.softplus(x * y) + Special.scaledHypot(x, 3 * y);
          return a * a;
        }
      }
      """;

  @Test
  void aRuleDeclaredInTheUsersSourcesDifferentiatesALibraryFunction() throws Exception {
    GenerationResult result =
        DerivativeGenerator.create().generate(List.of(new SourceFile("p/Model.java", MODEL)));
    assertThat(result.diagnostics()).isEmpty();
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("lib/Special.java", LIBRARY);
    sources.put("p/Model.java", MODEL);
    for (GeneratedFile f : result.files()) {
      sources.put(f.relativePath(), f.content());
    }
    ClassLoader loader = InMemoryCompiler.compile(sources);
    Method loss = loader.loadClass("p.Model").getDeclaredMethod("loss", double.class, double.class);
    loss.setAccessible(true);
    Method dx = loader.loadClass("p.ModelGrad").getDeclaredMethod("dlossdx", double.class, double.class);
    Method dy = loader.loadClass("p.ModelGrad").getDeclaredMethod("dlossdy", double.class, double.class);
    for (double[] point : new double[][] {{0.4, -0.7}, {1.3, 0.2}, {-0.5, 0.9}}) {
      double x = point[0];
      double y = point[1];
      double expectedX =
          FiniteDifferences.derivative(t -> invoke(loss, t, y), x);
      double expectedY =
          FiniteDifferences.derivative(t -> invoke(loss, x, t), y);
      assertThat((double) dx.invoke(null, x, y)).isCloseTo(expectedX, within(1e-7));
      assertThat((double) dy.invoke(null, x, y)).isCloseTo(expectedY, within(1e-7));
    }
    // the rule that names its own function reads the value the forward sweep computed
    assertThat(result.files().get(0).content())
        .contains("double scaledHypot = lib.Special.scaledHypot(x, 3 * y);")
        .contains("/ scaledHypot");
  }

  private static double invoke(Method m, double a, double b) {
    try {
      return (double) m.invoke(null, a, b);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aMalformedRuleIsReportedWhereItIsDeclared() {
    String source =
        """
        package p;

        import io.github.ad4j.Partial;

        class Rules {
          @Partial(of = "Special.softplus", wrt = "z")
          static double slope(double x) {
            return x;
          }

          @Partial(of = "softplus", wrt = "x")
          static double noClass(double x) {
            return x;
          }
        }
        """;
    GenerationResult result =
        DerivativeGenerator.create().generate(List.of(new SourceFile("p/Rules.java", source)));
    assertThat(result.diagnostics())
        .extracting(Diagnostic::format)
        .containsExactly(
            "p/Rules.java:7:17: @Partial(wrt = \"z\") names no parameter of slope; its parameters"
                + " are [x]",
            "p/Rules.java:12:17: @Partial(of = \"softplus\") must name the function as"
                + " Class.method");
  }

  @Test
  void aRuleIsCheckedAgainstTheFunctionItNamesWhenThatFunctionIsInTheBuild() {
    String special =
        """
        package lib;

        public final class Special {
          public static double scaled(double x, double y) {
            return x * y;
          }
        }
        """;
    String rules =
        """
        package p;

        import io.github.ad4j.Partial;

        class Rules {
          @Partial(of = "Special.scaled", wrt = "x")
          static double tooFew(double x) {
            return 1;
          }

          @Partial(of = "lib.Special.missing", wrt = "x")
          static double noSuchMethod(double x) {
            return 1;
          }

          @Partial(of = "Special.scaled", wrt = "y")
          static double right(double x, double y) {
            return x;
          }

          @Partial(of = "Elsewhere.anything", wrt = "x")
          static double aLibraryFunctionIsTakenOnTrust(double x) {
            return 1;
          }
        }
        """;
    GenerationResult result =
        DerivativeGenerator.create()
            .generate(
                List.of(
                    new SourceFile("lib/Special.java", special),
                    new SourceFile("p/Rules.java", rules)));
    assertThat(result.diagnostics())
        .extracting(Diagnostic::format)
        .containsExactly(
            "p/Rules.java:7:17: derivative rule tooFew takes 1 double parameter(s), but"
                + " Special.scaled (lib/Special.java:4:24) takes [double x, double y]; a rule"
                + " takes the function's parameters, in order, each a double",
            "p/Rules.java:12:17: @Partial(of = \"lib.Special.missing\") names no method of"
                + " lib.Special, whose source is in the build; name the function the rule"
                + " differentiates");
  }

  @Test
  void aCallOfAnUnknownFunctionOfTheInputsNamesBothFixes() {
    String source =
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Unknown {
          @Differentiable
          static double f(double x) {
            return lib.Special.softplus(x) * 2;
          }
        }
        """;
    GenerationResult result =
        DerivativeGenerator.create().generate(List.of(new SourceFile("p/Unknown.java", source)));
    assertThat(result.diagnostics()).extracting(Diagnostic::format).singleElement().asString()
        .startsWith("p/Unknown.java:8:12: ")
        .contains("@Differentiable")
        .contains("@Partial");
  }
}

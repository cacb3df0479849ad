package io.github.ad4j.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.DerivativeGenerator;
import io.github.ad4j.core.Diagnostic;
import io.github.ad4j.core.GeneratedFile;
import io.github.ad4j.core.GenerationResult;
import io.github.ad4j.core.SourceFile;
import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.GradientCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * User names that meet the generated ones: classes named like {@code java.lang.Math}, a class
 * already named like the one the generator writes, and identifiers outside ASCII.
 */
class NameClashesTest {

  /** A class named Math: {@code Math.f} in it is its own f; java.lang.Math is written in full. */
  private static final Differentiated OWN_MATH =
      Differentiated.of(
          "Math",
          """
          package p;

          import io.github.ad4j.Differentiable;

          class Math {
            static final double K = 1.5;

            @Differentiable
            static double sin(double x) {
              return x * x * K;
            }

            @Differentiable
            static double mixed(double x) {
              return Math.sin(3 * x) + java.lang.Math.sin(x) * java.lang.Math.PI + sin(x);
            }

            @Differentiable
            static double viaStrict(double x) {
              return StrictMath.exp(x) * K;
            }
          }
          """);

  @Test
  void inAClassNamedMathItsOwnMethodsAndJavaLangMathAreTold() {
    // mixed = 1.5 (3x)^2 + pi sin x + 1.5 x^2: the user's sin, not java.lang.Math's
    double x = 0.4;
    assertThat((double) OWN_MATH.original("mixed", x))
        .isEqualTo(1.5 * 9 * x * x + java.lang.Math.PI * java.lang.Math.sin(x) + 1.5 * x * x);
    GradientCheck.verify(OWN_MATH, "mixed", new String[] {"x"}, new int[] {0},
        List.of(new Object[] {0.4}, new Object[] {-1.2}));
    GradientCheck.verify(OWN_MATH, "viaStrict", new String[] {"x"}, new int[] {0},
        List.of(new Object[] {0.4}, new Object[] {-1.2}));
    assertThat(OWN_MATH.generatedSource())
        .contains("java.lang.Math.cos(x)")
        .contains("java.lang.Math.PI")
        .contains("p.MathGrad.sinGradient(");
  }

  @Test
  void aClassNamedMathElsewhereInThePackageShadowsJavaLangMathInEveryGeneratedClass() {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(
        "p/Math.java",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Math {
          @Differentiable
          static double twice(double x) {
            return 2 * x * x;
          }
        }
        """);
    sources.put(
        "p/Waves.java",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Waves {
          @Differentiable
          static double wave(double x, double y) {
            double t = java.lang.Math.tanh(x * y);
            return t * Math.twice(y) + java.lang.Math.sqrt(x);
          }
        }
        """);
    Differentiated d = compiled("Waves", sources);
    GradientCheck.verify(d, "wave", new String[] {"x", "y"}, new int[] {0, 1},
        List.of(new Object[] {0.7, 0.3}, new Object[] {2.5, -1.1}));
  }

  @Test
  void aUserClassNamedLikeTheGeneratedOneIsAPositionedError() {
    GenerationResult result =
        DerivativeGenerator.create()
            .generate(
                List.of(
                    new SourceFile(
                        "p/Model.java",
                        """
                        package p;

                        import io.github.ad4j.Differentiable;

                        class Model {
                          @Differentiable
                          static double loss(double w) {
                            return w * w;
                          }
                        }
                        """),
                    new SourceFile(
                        "p/ModelGrad.java",
                        """
                        package p;

                        class ModelGrad {
                          static double handWritten(double w) {
                            return 2 * w;
                          }
                        }
                        """)));
    assertThat(result.files()).isEmpty();
    assertThat(result.diagnostics())
        .extracting(Diagnostic::format)
        .containsExactly(
            "p/Model.java:5:7: class Model cannot get its derivatives: ad4j writes them to"
                + " class p.ModelGrad, which already exists (p/ModelGrad.java:3:7); rename that"
                + " class");
  }

  @Test
  void aClassNamedLikeTheGeneratedOneInAnotherPackageIsNoClash() {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(
        "p/Model.java",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Model {
          @Differentiable
          static double loss(double w) {
            return w * w * w;
          }
        }
        """);
    sources.put("q/ModelGrad.java", "package q;\n\nclass ModelGrad {}\n");
    Differentiated d = compiled("Model", sources);
    GradientCheck.verify(d, "loss", new String[] {"w"}, new int[] {0},
        List.of(new Object[] {0.5}, new Object[] {-2.0}));
  }

  private static final Differentiated UNICODE =
      Differentiated.of(
          "Größen",
          """
          package p;

          import io.github.ad4j.Differentiable;

          class Größen {
            static final double ΔT = 0.25;

            @Differentiable
            static double wärme(double θ, double λ) {
              double été = Math.exp(-λ * θ);
              double 速度 = θ * été + ΔT;
              for (int ñ = 0; ñ < 3; ñ++) {
                速度 = 速度 * λ + Math.sin(θ);
              }
              return 速度;
            }
          }
          """);

  @Test
  void unicodeIdentifiersWork() {
    GradientCheck.verify(UNICODE, "wärme", new String[] {"θ", "λ"}, new int[] {0, 1},
        List.of(new Object[] {0.7, 0.3}, new Object[] {-0.4, 1.2}));
    assertThat(UNICODE.generatedSource())
        .contains("public static double dwärmedθ(double θ, double λ)")
        .contains("double dλ");
  }

  /** Runs the generator over {@code sources} and compiles them with what it generates. */
  private static Differentiated compiled(String className, Map<String, String> sources) {
    List<SourceFile> files = new java.util.ArrayList<>();
    sources.forEach((path, text) -> files.add(new SourceFile(path, text)));
    GenerationResult result = DerivativeGenerator.create().generate(files);
    assertThat(result.diagnostics()).as("diagnostics").isEmpty();
    Map<String, String> all = new LinkedHashMap<>(sources);
    for (GeneratedFile file : result.files()) {
      all.put(file.relativePath(), file.content());
    }
    return Differentiated.handWritten(className, all);
  }
}

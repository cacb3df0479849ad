package io.github.ad4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ad4j.core.testing.InMemoryCompiler;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Generation with context sources, as the plugin's test-sources goal runs it: the test sources'
 * methods call the main sources' {@code @Differentiable} methods and rules, whose derivative
 * classes the main run generates.
 */
class ContextSourcesTest {

  private static final SourceFile SHAPES =
      new SourceFile(
          "main/q/Shapes.java",
          """
          package q;

          import io.github.ad4j.Differentiable;
          import io.github.ad4j.Partial;

          public class Shapes {
            @Differentiable
            public static double bump(double x) {
              return Math.exp(-x * x);
            }

            public static double cube(double x) {
              return x * x * x;
            }

            @Partial(of = "Shapes.cube", wrt = "x")
            public static double dcube(double x) {
              return 3 * x * x;
            }
          }
          """);

  private static final SourceFile LOSS =
      new SourceFile(
          "test/p/Loss.java",
          """
          package p;

          import io.github.ad4j.Differentiable;
          import q.Shapes;

          class Loss {
            @Differentiable
            static double loss(double w) {
              return Shapes.bump(2 * w) + Shapes.cube(w);
            }
          }
          """);

  @Test
  void generatesOnlyForTheSourcesWhichCallTheContextsDerivatives() throws Exception {
    DerivativeGenerator generator = DerivativeGenerator.create();
    GenerationResult main = generator.generate(List.of(SHAPES));
    GenerationResult test = generator.generate(List.of(LOSS), List.of(SHAPES));
    assertThat(main.diagnostics()).isEmpty();
    assertThat(test.diagnostics()).isEmpty();
    assertThat(test.files()).extracting(GeneratedFile::relativePath).containsExactly("p/LossGrad.java");

    Map<String, String> all = new LinkedHashMap<>();
    all.put("q/Shapes.java", SHAPES.content());
    all.put("p/Loss.java", LOSS.content());
    for (GeneratedFile f : main.files()) {
      all.put(f.relativePath(), f.content());
    }
    for (GeneratedFile f : test.files()) {
      all.put(f.relativePath(), f.content());
    }
    Method dlossdw =
        InMemoryCompiler.compile(all).loadClass("p.LossGrad").getDeclaredMethod("dlossdw", double.class);
    for (double w : new double[] {-0.8, 0.3, 1.1}) {
      double expected = -8 * w * Math.exp(-4 * w * w) + 3 * w * w;
      assertThat((double) dlossdw.invoke(null, w)).isCloseTo(expected, within(1e-12));
    }
  }

  @Test
  void reportsTheProblemsOfTheSourcesOnly() {
    SourceFile badContext =
        new SourceFile(
            "main/q/Bad.java",
            """
            package q;

            import io.github.ad4j.Differentiable;
            import io.github.ad4j.Partial;

            public class Bad {
              @Differentiable
              public static double broken(double x) {
                switch ((int) x) { default: return x; }
              }

              @Partial(of = "Bad.nothing", wrt = "y")
              public static double dnothing(double x) {
                return x;
              }

              @Differentiable
              public static double syntax(double x) {
                return x +;
              }
            }
            """);
    GenerationResult test =
        DerivativeGenerator.create().generate(List.of(LOSS), List.of(SHAPES, badContext));

    assertThat(test.diagnostics()).isEmpty();
    assertThat(test.files()).extracting(GeneratedFile::relativePath).containsExactly("p/LossGrad.java");
    assertThat(DerivativeGenerator.create().generate(List.of(badContext)).diagnostics()).isNotEmpty();
  }

  @Test
  void aFileInBothListsIsASource() {
    GenerationResult result = DerivativeGenerator.create().generate(List.of(SHAPES), List.of(SHAPES));

    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.files()).extracting(GeneratedFile::relativePath).containsExactly("q/ShapesGrad.java");
  }
}

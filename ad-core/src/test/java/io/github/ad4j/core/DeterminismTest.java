package io.github.ad4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.testing.Resources;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The same input gives byte-identical output: run after run, generator after generator, whatever
 * the order the build hands the files over in, and from several threads at once.
 */
class DeterminismTest {

  private static final List<String> GOLDEN =
      List.of("Polynomial", "TanhViaExp", "Logistic", "Reassignment", "Huber", "BlackScholes");

  /** The golden inputs, a file with two classes and one with an error, in a fixed order. */
  private static List<SourceFile> sources() {
    List<SourceFile> sources = new ArrayList<>();
    for (String name : GOLDEN) {
      sources.add(new SourceFile("p/" + name + ".java", Resources.read("/golden/" + name + ".java")));
    }
    sources.add(
        new SourceFile(
            "q/Two.java",
            """
            package q;

            import io.github.ad4j.Differentiable;

            class Two {
              @Differentiable
              static double b(double x, double y) {
                double t = Math.hypot(x, y);
                t *= Math.atan2(y, x);
                return t > 1 ? Math.log(t) : t - 1;
              }

              @Differentiable
              static double a(double x) {
                return Math.exp(-x) * Math.sin(x);
              }
            }

            class Other {
              @Differentiable
              static double c(double u, double v) {
                return Math.max(u, v) + Math.min(u * u, v);
              }
            }
            """));
    sources.add(
        new SourceFile(
            "q/Bad.java",
            """
            package q;

            import io.github.ad4j.Differentiable;

            class Bad {
              @Differentiable
              static double loop(double x, int n) {
                switch (n) { default: x *= 2; }
                return x;
              }

              @Differentiable
              static double fine(double x) {
                return x * x * x;
              }
            }
            """));
    sources.add(new SourceFile("q/Plain.java", "package q;\n\nclass Plain {}\n"));
    return sources;
  }

  @Test
  void generatingTwiceGivesIdenticalBytes() {
    GenerationResult first = DerivativeGenerator.create().generate(sources());
    GenerationResult second = DerivativeGenerator.create().generate(sources());
    assertIdentical(first, second);
  }

  @Test
  void oneGeneratorUsedTwiceGivesIdenticalBytes() {
    DerivativeGenerator generator = DerivativeGenerator.create();
    assertIdentical(generator.generate(sources()), generator.generate(sources()));
  }

  @Test
  void theOrderOfTheInputDoesNotMatter() {
    GenerationResult inOrder = DerivativeGenerator.create().generate(sources());
    List<SourceFile> reversed = new ArrayList<>(sources());
    Collections.reverse(reversed);
    assertIdentical(inOrder, DerivativeGenerator.create().generate(reversed));
    for (long seed = 1; seed <= 3; seed++) {
      List<SourceFile> shuffled = new ArrayList<>(sources());
      Collections.shuffle(shuffled, new Random(seed));
      assertIdentical(inOrder, DerivativeGenerator.create().generate(shuffled));
    }
  }

  @Test
  void generatingFromSeveralThreadsAtOnceGivesIdenticalBytes() throws Exception {
    DerivativeGenerator generator = DerivativeGenerator.create();
    GenerationResult expected = generator.generate(sources());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<GenerationResult>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> generator.generate(sources())));
      }
      for (Future<GenerationResult> result : results) {
        assertIdentical(expected, result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theOutputIsSortedByPathAndCoversEveryClassWithAMethodToGenerate() {
    GenerationResult result = DerivativeGenerator.create().generate(sources());
    assertThat(result.files())
        .extracting(GeneratedFile::relativePath)
        .containsExactly(
            "p/BlackScholesGrad.java",
            "p/HuberGrad.java",
            "p/LogisticGrad.java",
            "p/PolynomialGrad.java",
            "p/ReassignmentGrad.java",
            "p/TanhViaExpGrad.java",
            "q/BadGrad.java",
            "q/OtherGrad.java",
            "q/TwoGrad.java");
    assertThat(result.diagnostics())
        .extracting(Diagnostic::format)
        .singleElement()
        .asString()
        .startsWith("q/Bad.java:8:5: switch statement");
  }

  @Test
  void theOutputNamesNeitherTheDateNorTheDirectory() {
    for (GeneratedFile file : DerivativeGenerator.create().generate(sources()).files()) {
      assertThat(file.content())
          .doesNotContain(System.getProperty("user.dir"))
          .doesNotContainPattern("\\d\\d\\d\\d-\\d\\d-\\d\\d");
    }
  }

  private static void assertIdentical(GenerationResult expected, GenerationResult actual) {
    assertThat(actual.files())
        .extracting(GeneratedFile::relativePath)
        .containsExactlyElementsOf(
            expected.files().stream().map(GeneratedFile::relativePath).toList());
    for (int i = 0; i < expected.files().size(); i++) {
      assertThat(actual.files().get(i).content().getBytes(StandardCharsets.UTF_8))
          .as(expected.files().get(i).relativePath())
          .isEqualTo(expected.files().get(i).content().getBytes(StandardCharsets.UTF_8));
    }
    assertThat(actual.diagnostics()).isEqualTo(expected.diagnostics());
  }

}

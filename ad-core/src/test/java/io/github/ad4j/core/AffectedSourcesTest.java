package io.github.ad4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.testing.Projects;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * After an edit, generating only the affected sources (the others as context) gives what a clean
 * generation gives, and every source left out would have generated what it generated before.
 * Each step of {@link #STEPS} edits a small project of several packages, with calls across files,
 * a derivative rule and constants.
 */
class AffectedSourcesTest {

  private static final String SHAPES =
      """
      package a;

      import io.github.ad4j.Differentiable;

      public final class Shapes {
        private Shapes() {}

        public static final double K = 2;

        @Differentiable
        public static double bump(double x, double w) {
          return Math.exp(-x * x / (w * w)) * K;
        }
      }
      """;

  private static final String MODEL =
      """
      package a;

      import io.github.ad4j.Differentiable;

      public final class Model {
        private Model() {}

        @Differentiable
        public static double loss(double[] p) {
          double s = 0;
          for (int i = 0; i < p.length; i++) {
            s += Shapes.bump(p[i], 1.5);
          }
          return s;
        }
      }
      """;

  private static final String FIT =
      """
      package b;

      import a.Model;
      import io.github.ad4j.Differentiable;

      final class Fit {
        private Fit() {}

        @Differentiable
        static double objective(double[] p, double lambda) {
          return Model.loss(p) + lambda * p[0] * p[0];
        }
      }
      """;

  private static final String ALONE =
      """
      package b;

      import io.github.ad4j.Differentiable;

      final class Alone {
        private Alone() {}

        /** Mentions Shapes and Model only in a comment. */
        static final String LABEL = "alone"; // Fit

        @Differentiable
        static double f(double x, double y) {
          return Math.sin(x) * y;
        }
      }
      """;

  private static final String SPECIAL =
      """
      package b;

      public final class Special {
        private Special() {}

        public static double softplus(double x) {
          return Math.log1p(Math.exp(x));
        }
      }
      """;

  private static final String RULES =
      """
      package b;

      import io.github.ad4j.Partial;

      final class Rules {
        private Rules() {}

        @Partial(of = "Special.softplus", wrt = "x")
        static double dsoftplus(double x) {
          return 1 / (1 + Math.exp(-x));
        }
      }
      """;

  private static final String SMOOTH =
      """
      package b;

      import io.github.ad4j.Differentiable;

      final class Smooth {
        private Smooth() {}

        @Differentiable
        static double g(double x) {
          return Special.softplus(3 * x);
        }
      }
      """;

  /** One edit: files added or replaced (by path), and files removed. */
  private record Step(
      String name, Map<String, String> put, List<String> remove, Set<String> affected) {}

  private static final List<Step> STEPS =
      List.of(
          new Step(
              "the callee's body",
              Map.of("a/Shapes.java", SHAPES.replace("* K;", "* K + x;")),
              List.of(),
              Set.of("a/Shapes.java", "a/Model.java", "b/Fit.java")),
          new Step(
              "the callee's wrt, so its pullback's signature",
              Map.of(
                  "a/Shapes.java",
                  SHAPES.replace("@Differentiable\n", "@Differentiable(wrt = \"x\")\n")),
              List.of(),
              Set.of("a/Shapes.java", "a/Model.java", "b/Fit.java")),
          new Step(
              "a file nobody names",
              Map.of("b/Alone.java", ALONE.replace("Math.sin(x)", "Math.cos(x)")),
              List.of(),
              Set.of("b/Alone.java")),
          new Step(
              "a new file calling an old one",
              Map.of(
                  "b/Extra.java",
                  """
                  package b;

                  import io.github.ad4j.Differentiable;

                  final class Extra {
                    private Extra() {}

                    @Differentiable
                    static double h(double x) {
                      return Alone.f(x, 2 * x);
                    }
                  }
                  """),
              List.of(),
              Set.of("b/Extra.java")),
          new Step(
              "a callee deleted: its callers fail",
              Map.of(),
              List.of("a/Model.java"),
              Set.of("b/Fit.java")),
          new Step(
              "a user class named like a generated one",
              Map.of("b/AloneGrad.java", "package b;\n\nfinal class AloneGrad {}\n"),
              List.of(),
              Set.of("b/Alone.java", "b/AloneGrad.java", "b/Extra.java")),
          new Step(
              "the callee back",
              Map.of("a/Model.java", MODEL),
              List.of(),
              Set.of("a/Model.java", "b/Fit.java")),
          new Step(
              "the class a rule names, in a string: the rule no longer fits",
              Map.of(
                  "b/Special.java",
                  SPECIAL.replace("softplus(double x)", "softplus(double x, double y)")
                      .replace("Math.exp(x)", "Math.exp(x + y)")),
              List.of(),
              null),
          new Step(
              "the class a rule names, back",
              Map.of("b/Special.java", SPECIAL),
              List.of(),
              null),
          new Step(
              "a derivative rule",
              Map.of(
                  "b/Rules.java",
                  RULES.replace("1 / (1 + Math.exp(-x))", "Math.exp(x) / (1 + Math.exp(x))")),
              List.of(),
              null),
          new Step(
              "a class named Math",
              Map.of("a/Math.java", "package a;\n\nfinal class Math {}\n"),
              List.of(),
              null),
          new Step(
              "a comment",
              Map.of(
                  "a/Shapes.java",
                  SHAPES.replace("private Shapes() {}", "private Shapes() {} // none")),
              List.of(),
              Set.of("a/Shapes.java", "a/Model.java", "b/Fit.java")));

  /** The project the steps edit, by path. */
  private static Map<String, String> project() {
    Map<String, String> project = new TreeMap<>();
    project.put("a/Shapes.java", SHAPES);
    project.put("a/Model.java", MODEL);
    project.put("b/Fit.java", FIT);
    project.put("b/Alone.java", ALONE);
    project.put("b/Special.java", SPECIAL);
    project.put("b/Rules.java", RULES);
    project.put("b/Smooth.java", SMOOTH);
    return project;
  }

  @Test
  void generatingTheAffectedSourcesGivesWhatACleanGenerationGives() {
    DerivativeGenerator generator = DerivativeGenerator.create();
    Map<String, String> project = project();
    GenerationResult first = generator.generate(Projects.sources(project));
    assertThat(first.diagnostics()).isEmpty();
    assertThat(first.files()).hasSize(5); // Special and Rules have nothing to differentiate
    Map<String, SourceOutput> before = first.bySource();
    for (Step step : STEPS) {
      Map<String, Set<String>> provided = new HashMap<>();
      for (String path : step.put().keySet()) {
        String old = project.get(path);
        provided.put(path, old == null ? Set.of() : SourceNames.of(old).provides());
      }
      for (String path : step.remove()) {
        provided.put(path, SourceNames.of(project.get(path)).provides());
      }
      project.putAll(step.put());
      step.remove().forEach(project::remove);

      Set<String> affected = AffectedSources.of(Projects.names(project), provided);

      assertThat(affected)
          .as(step.name())
          .isEqualTo(step.affected() == null ? project.keySet() : step.affected());
      Map<String, SourceOutput> clean = Projects.generated(generator, project);
      Map<String, SourceOutput> incremental =
          Projects.generatedIncrementally(generator, project, affected);
      for (String path : project.keySet()) {
        SourceOutput kept = Projects.of(affected.contains(path) ? incremental : before, path);
        assertThat(kept).as(step.name() + ": " + path).isEqualTo(Projects.of(clean, path));
      }
      assertThat(incremental.keySet()).as(step.name()).isSubsetOf(affected);
      before = clean;
    }
  }

  @Test
  void theContextIsWhatTheAffectedSourcesNameAndTheRules() {
    Map<String, SourceNames> names = Projects.names(project());

    // Fit calls Model, which calls Shapes; the rules are everyone's; they name Special
    assertThat(AffectedSources.contextOf(names, Set.of("b/Fit.java")))
        .containsExactlyInAnyOrder(
            "a/Model.java", "a/Shapes.java", "b/Rules.java", "b/Special.java");
    assertThat(AffectedSources.contextOf(names, Set.of("b/Alone.java")))
        .containsExactlyInAnyOrder("b/Rules.java", "b/Special.java");
    assertThat(AffectedSources.contextOf(names, Set.of("a/Shapes.java")))
        .containsExactlyInAnyOrder("b/Rules.java", "b/Special.java");
  }

  @Test
  void anEditedCalleeChangesItsCallersOutput() {
    // what makes following the names necessary: a caller's derivative calls its callee's forms
    DerivativeGenerator generator = DerivativeGenerator.create();
    Map<String, String> project = project();
    Map<String, SourceOutput> before = Projects.generated(generator, project);
    project.put("a/Shapes.java", STEPS.get(1).put().get("a/Shapes.java"));
    Map<String, SourceOutput> after = Projects.generated(generator, project);
    assertThat(after.get("a/Model.java")).isNotEqualTo(before.get("a/Model.java"));
  }

  @Test
  void namesAreReadFromCodeAndStringsNotComments() {
    SourceNames names =
        SourceNames.of(
            """
            package p;
            /* class Hidden */ // enum Gone
            public final class /* here */ Shown<T> {
              record Inner(double x) {}
              String s = "class Quoted";
              char c = 'x';
              String block = \"""
                  interface InBlock
                  \""";
              double d = 1e5 + 0x1F + 2L;
            }
            """);

    assertThat(names.provides())
        .containsExactlyInAnyOrder("Shown", "ShownGrad", "Inner", "InnerGrad");
    assertThat(names.mentions())
        .contains("p", "Shown", "T", "Inner", "String", "s", "c", "block", "d")
        // the words of strings count as mentions: a rule names its function's class in one
        .contains("Quoted", "InBlock")
        .doesNotContain("Hidden", "Gone", "e5", "x1F", "L");
  }

  @Test
  void onlyAWordRightAfterADeclaringKeywordIsDeclared() {
    SourceNames names =
        SourceNames.of(
            """
            class Owner {
              Logger log = Logger.getLogger(Owner.class); private static double record = 1;
              double f(double record) { return record; }
              Object o = Owner.class
                  .getName();
            }
            """);

    assertThat(names.provides()).containsExactlyInAnyOrder("Owner", "OwnerGrad");
  }

  @Test
  void rulesAndAClassNamedMathReachEveryFile() {
    String rule = "class R { @Partial(of = \"S.f\", wrt = \"x\") double d; }";
    assertThat(SourceNames.of(rule).provides())
        .contains(SourceNames.EVERY_FILE);
    assertThat(SourceNames.of("package p; class Math {}").provides())
        .contains(SourceNames.EVERY_FILE);
    assertThat(SourceNames.of("package p; class C { double f() { return Math.PI; } }").provides())
        .doesNotContain(SourceNames.EVERY_FILE);
  }
}

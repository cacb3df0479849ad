package io.github.ad4j.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.DerivativeGenerator;
import io.github.ad4j.core.Diagnostic;
import io.github.ad4j.core.GeneratedFile;
import io.github.ad4j.core.GenerationResult;
import io.github.ad4j.core.SourceFile;
import io.github.ad4j.core.testing.InMemoryCompiler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Generator bugs found by {@link GeneratorFuzzTest}, each minimised to a small reproducer and
 * disabled until fixed. Enable a case once its bug is fixed; a finding that is fixed should also
 * be removed from {@link GeneratorFuzzTest#KNOWN}, if it was listed there.
 */
class FuzzFindingsTest {

  private static final String HEADER =
      "package p;\n\nimport io.github.ad4j.Differentiable;\n\nclass C {\n";

  private static GenerationResult generate(String members) {
    return DerivativeGenerator.create()
        .generate(List.of(new SourceFile("p/C.java", HEADER + members + "\n}\n")));
  }

  /** No "internal error": the method is either differentiated or rejected with a real message. */
  private static void assertNoInternalError(String members) {
    GenerationResult result = generate(members);
    assertThat(result.diagnostics())
        .extracting(Diagnostic::message)
        .noneMatch(m -> m.contains("internal error"));
  }

  /**
   * Found by the fuzzer (mutation of golden/Power.java; minimised input was {@code double
   * power(double x){for(;;){}return;}}): a value-less {@code return;} in a {@code double} method
   * crashes the normaliser, {@code Normaliser.statement} calls {@code
   * r.getExpression().orElseThrow()}:
   *
   * <pre>
   * p/C.java:L:C: internal error while differentiating f: java.util.NoSuchElementException:
   *     No value present; this is a bug in ad4j, please report it with the method's source
   * java.util.NoSuchElementException: No value present
   *   at java.util.Optional.orElseThrow(Optional.java:377)
   *   at io.github.ad4j.core.normalise.Normaliser.statement(Normaliser.java:212)
   *   at io.github.ad4j.core.normalise.Normaliser.block(Normaliser.java:160)
   *   at io.github.ad4j.core.normalise.Normaliser.normalise(Normaliser.java:108)
   * </pre>
   *
   * Not valid Java, but the generator promises a diagnostic, not an internal error, for bad input.
   */
  @Test
  void returnWithoutValue() {
    assertNoInternalError("  @Differentiable\n  static double f(double x) {\n    return;\n  }");
  }

  /** The same crash, from an early {@code return;} on one branch. */
  @Test
  void earlyReturnWithoutValue() {
    assertNoInternalError(
        "  @Differentiable\n  static double f(double x) {\n    if (x > 0) return;\n    return x;\n  }");
  }

  /**
   * Found while minimising the finding above (the fuzzer's sampled compile check has not hit it
   * yet): a method whose body is an infinite loop is valid Java and gets no diagnostic, but its
   * generated derivative does not compile, it returns an undeclared variable named after the
   * method:
   *
   * <pre>
   * /p/CGrad.java:31: error: cannot find symbol
   *     return new FGradient(f, 0.0);
   * /p/CGrad.java:49: error: cannot find symbol
   *     return f;
   * </pre>
   *
   * The same with {@code while (true) {}}; a loop that returns inside ({@code for (;;) { return
   * x; }}) is fine.
   */
  @Test
  void infiniteLoopWithoutReturn() {
    String members = "  @Differentiable\n  static double f(double x) {\n    for (;;) {}\n  }";
    GenerationResult result = generate(members);
    if (result.files().isEmpty()) {
      assertThat(result.diagnostics()).isNotEmpty(); // rejecting it with a diagnostic is fine too
      return;
    }
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("p/C.java", HEADER + members + "\n}\n");
    for (GeneratedFile f : result.files()) {
      sources.put(f.relativePath(), f.content());
    }
    InMemoryCompiler.compile(sources);
  }
}

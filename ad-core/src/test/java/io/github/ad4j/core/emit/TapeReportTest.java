package io.github.ad4j.core.emit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.DerivativeGenerator;
import io.github.ad4j.core.GenerationResult;
import io.github.ad4j.core.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generation report and the tape note of the generated Javadoc: what is taped, once per trip
 * of which loops, at how many bytes a value, and what is recomputed instead.
 */
class TapeReportTest {

  private static final String SOURCE =
      """
      package p;

      import io.github.ad4j.Differentiable;

      class Loops {
        @Differentiable
        static double nested(double x, int n, int m) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            double u = Math.sin(x * i);
            for (int j = 0; j < m; j++) {
              s = s * u + x;
            }
          }
          return s;
        }

        @Differentiable
        static double branch(double x) {
          double t = x * x;
          if (t > 1) {
            t = Math.sqrt(t);
          }
          return t * x;
        }

        @Differentiable
        static double recomputed(double[] x) {
          double s = 0;
          for (int i = 0; i + 1 < x.length; i++) {
            double t = x[i + 1] - x[i] * x[i];
            s += t * t;
          }
          return s;
        }
      }
      """;

  private static final GenerationResult RESULT =
      DerivativeGenerator.create().generate(List.of(new SourceFile("p/Loops.java", SOURCE)));

  @Test
  void nestedLoopsMultiplyTheirTripCounts() {
    assertThat(RESULT.diagnostics()).isEmpty();
    assertThat(RESULT.report())
        .contains("### `Loops.nested(double, int, int)` (Loops.java:7)")
        .contains("- with respect to: x")
        .contains("`sTape` (double, 8 bytes a value, pushed once a trip of the loops at lines 9,"
            + " 11)")
        .contains("`uTape` (double, 8 bytes a value, pushed once a trip of the loop at line 9)")
        .contains("8·n9·n11")
        .contains("8·n9");
  }

  @Test
  void aValueSavedInABranchIsPushedAtMostOnce() {
    assertThat(RESULT.report())
        .contains("`dbranchdx(double)`: Taped for the backward sweep: `sqrtTape` (double, 8 bytes"
            + " a value, pushed at most once). Tape memory about 8 bytes.");
  }

  @Test
  void recomputedLocalsAreReportedAndNotTaped() {
    assertThat(RESULT.report())
        .contains("- recomputed by the backward sweep instead of taped: t (line 31)")
        .contains("`drecomputeddx(double[])`: Nothing is taped.");
  }

  @Test
  void theJavadocOfAMethodThatTapesSaysWhatAndWhere() {
    String generated = RESULT.files().get(0).content();
    int nested = generated.indexOf("public static double dnesteddx");
    String note = generated.substring(generated.lastIndexOf("/**", nested), nested);
    assertThat(note.replaceAll("\\s*\\n\\s*\\* ?", " "))
        .contains("Taped for the backward sweep: {@code sTape} (double, 8 bytes a value, pushed"
            + " once a trip of the loops at lines 9, 11)")
        .contains("nL being the number of trips of the loop at line L.");
    // and a method that tapes nothing gets no note
    int start = generated.indexOf("public static double[] drecomputeddx");
    int javadoc = generated.lastIndexOf("/**", start);
    assertThat(generated.substring(javadoc, start)).doesNotContain("Taped");
  }

  /** A call in a loop that writes into its array: the tape holds copies, not references. */
  @Test
  void aTapeOfCopiesOfAWrittenArraySaysTheCopiesTakeMemoryToo() {
    GenerationResult result =
        DerivativeGenerator.create()
            .generate(
                List.of(
                    new SourceFile(
                        "p/W.java",
                        """
                        package p;

                        import io.github.ad4j.Differentiable;

                        class W {
                          @Differentiable(wrt = "w")
                          static double scale(double[] w, double a) {
                            for (int k = 0; k < w.length; k++) {
                              w[k] = Math.sin(a * w[k]);
                            }
                            return 0;
                          }

                          @Differentiable(wrt = "w")
                          static double run(double[] w, int steps) {
                            double s = 0;
                            for (int i = 0; i < steps; i++) {
                              scale(w, 0.5);
                              s += w[0];
                            }
                            return s;
                          }
                        }
                        """)));
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.report())
        .containsPattern("`wArrayTape` \\(double\\[\\] copies of an array a call writes into, 4 bytes a"
            + " value plus the copy's elements, pushed once a trip of the loop at line 17\\)")
        .contains("plus the copies");
  }

  @Test
  void aBuildWithNothingToDifferentiateHasNoReport() {
    GenerationResult empty =
        DerivativeGenerator.create()
            .generate(List.of(new SourceFile("p/N.java", "package p;\nclass N {}\n")));
    assertThat(empty.report()).isEmpty();
  }
}

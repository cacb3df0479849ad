package io.github.ad4j.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.DerivativeGenerator;
import io.github.ad4j.core.Diagnostic;
import io.github.ad4j.core.GenerationResult;
import io.github.ad4j.core.SourceFile;
import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.GradientCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Calls from one {@code @Differentiable} method to another: the caller's backward sweep calls the
 * callee's generated pullback, seeded with the adjoint of the call's result.
 */
class CallsTest {

  private static final Differentiated CALLS =
      Differentiated.of(
          "Calls",
          """
          package p;

          import io.github.ad4j.Differentiable;

          class Calls {
            @Differentiable
            static double square(double x) {
              return x * x;
            }

            @Differentiable
            static double both(double x, double y) {
              return Math.sin(x) * y + square(y);
            }

            @Differentiable
            static double chain(double x) {
              double a = square(x);
              double b = both(a, x);
              return square(b) + both(x, 3.0);
            }

            @Differentiable
            static double diamond(double x, double y) {
              double left = both(x, y);
              double right = both(y, x);
              return square(left + right);
            }

            @Differentiable
            static double inLoop(double x, int n) {
              double s = 0;
              for (int i = 0; i < n; i++) {
                if (i % 2 == 0) {
                  s += both(x * i, s) / (1 + i);
                } else {
                  s = Math.tanh(s + square(x - i));
                }
              }
              return s;
            }

            @Differentiable(wrt = "w")
            static double dot(double[] w, double[] x) {
              double s = 0;
              for (int i = 0; i < w.length; i++) {
                s += w[i] * x[i];
              }
              return s;
            }

            @Differentiable(wrt = "w")
            static double layer(double[][] w, double[] x) {
              double total = 0;
              for (int k = 0; k < w.length; k++) {
                total += Math.tanh(dot(w[k], x));
              }
              return total;
            }

            @Differentiable
            static double recursiveByIf(double x, int n) {
              if (n == 0) {
                return x;
              }
              double inner = recursiveByIf(x * 1.1, n - 1);
              return Math.sin(inner) + x;
            }

            static double scale(int n) {
              return 1.0 / (1 + n);
            }

            @Differentiable
            static double withData(double x, int n) {
              return scale(n) * square(x);
            }
          }
          """);

  @Test
  void aChainOfCallsMatchesFiniteDifferences() {
    GradientCheck.verify(CALLS, "chain", new String[] {"x"}, new int[] {0},
        List.of(new Object[] {0.7}, new Object[] {-1.3}));
    assertThat((double) CALLS.generated("dsquaredx", 3.0)).isEqualTo(6.0);
  }

  @Test
  void aDiamondAddsBothPaths() {
    GradientCheck.verify(CALLS, "diamond", new String[] {"x", "y"}, new int[] {0, 1},
        List.of(new Object[] {0.7, 0.2}, new Object[] {-0.4, 1.1}));
  }

  @Test
  void callsInsideLoopsAndBranches() {
    GradientCheck.verify(CALLS, "inLoop", new String[] {"x"}, new int[] {0},
        List.of(new Object[] {0.3, 5}, new Object[] {-0.8, 4}, new Object[] {0.5, 0}));
  }

  @Test
  void arrayArgumentsAccumulateIntoTheCallersAdjoint() {
    double[][] w = {{0.1, -0.2, 0.3}, {0.5, 0.4, -0.6}};
    double[] x = {1.0, -0.5, 2.0};
    GradientCheck.verify(CALLS, "layer", new String[] {"w"}, new int[] {0},
        List.<Object[]>of(new Object[] {w, x}));
  }

  @Test
  void recursionRunsThePullbackRecursively() {
    GradientCheck.verify(CALLS, "recursiveByIf", new String[] {"x"}, new int[] {0},
        List.of(new Object[] {0.4, 3}, new Object[] {-1.1, 0}));
  }

  @Test
  void anArgumentOfDataStillGetsTheAccumulatorTheCalleeExpects() {
    // Matrices.frobenius is differentiated for m too; data carries no derivative, so the caller
    // passes a throwaway array of data's shape, zerosLike(data): a helper NormsGrad must declare
    // although nothing else in it needs one
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(
        "p/Matrices.java",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Matrices {
          @Differentiable
          static double frobenius(double[][] m, double s) {
            double total = 0;
            for (double[] row : m) {
              for (double v : row) {
                total += v * v * s;
              }
            }
            return total;
          }
        }
        """);
    sources.put(
        "p/Norms.java",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Norms {
          @Differentiable(wrt = "x")
          static double scaledNorm(double x, double[][] data) {
            return Matrices.frobenius(data, x * x);
          }
        }
        """);
    Differentiated norms = Differentiated.ofFiles("Norms", sources);
    double[][] data = {{1.0, -2.0}, {0.5, 3.0, 1.5}};
    double squares = 1 + 4 + 0.25 + 9 + 2.25;
    for (double x : new double[] {0.7, -1.2}) {
      assertThat((double) norms.generated("dscaledNormdx", x, data))
          .isCloseTo(2 * x * squares, org.assertj.core.api.Assertions.within(1e-12));
    }
  }

  @Test
  void aMethodOfDataIsAPlainCall() {
    GradientCheck.verify(CALLS, "withData", new String[] {"x"}, new int[] {0},
        List.of(new Object[] {0.7, 3}, new Object[] {-2.0, 0}));
  }

  /** q.Shapes.bump(x) = exp(-x²), a callee in another package. */
  private static final String Q_SHAPES =
      """
      package q;

      import io.github.ad4j.Differentiable;

      public class Shapes {
        @Differentiable
        public static double bump(double x) {
          return Math.exp(-x * x);
        }
      }
      """;

  /** p.User.twice(x) = Shapes.bump(2x) * x, importing q.Shapes. */
  private static final String P_USER =
      """
      package p;

      import io.github.ad4j.Differentiable;
      import q.Shapes;

      class User {
        @Differentiable
        static double twice(double x) {
          return Shapes.bump(2 * x) * x;
        }
      }
      """;

  @Test
  void aCallAcrossFilesAndPackagesUsesTheOtherClassesPullback() {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("q/Shapes.java", Q_SHAPES);
    sources.put("p/User.java", P_USER);
    assertTwiceCallsQShapes(Differentiated.ofFiles("User", sources));
  }

  @Test
  void anImportedClassShadowsTheOneOfTheSamePackage() {
    // as in javac (JLS 6.4.1): import q.Shapes hides p.Shapes in the importing file
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("q/Shapes.java", Q_SHAPES);
    sources.put(
        "p/Shapes.java",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Shapes {
          @Differentiable
          static double bump(double x) {
            return x * x;
          }
        }
        """);
    sources.put("p/User.java", P_USER);
    assertTwiceCallsQShapes(Differentiated.ofFiles("User", sources));
  }

  /** d/dx of exp(-4x²)·x, the closed form, at several points; and the method itself. */
  private static void assertTwiceCallsQShapes(Differentiated user) {
    for (double x : new double[] {0.3, -0.7, 1.2}) {
      assertThat((double) user.original("twice", x)).isEqualTo(Math.exp(-4 * x * x) * x);
      double expected = Math.exp(-4 * x * x) * (1 - 8 * x * x);
      assertThat((double) user.generated("dtwicedx", x))
          .isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-13));
    }
  }

  @Test
  void aCallWhoseArgumentTheCalleeIsNotDifferentiatedForIsRefused() {
    GenerationResult result =
        DerivativeGenerator.create()
            .generate(
                List.of(
                    new SourceFile(
                        "p/Wrt.java",
                        """
                        package p;

                        import io.github.ad4j.Differentiable;

                        class Wrt {
                          @Differentiable(wrt = "x")
                          static double g(double x, double y) {
                            return x * y;
                          }

                          @Differentiable
                          static double f(double a) {
                            return g(a, a);
                          }
                        }
                        """)));
    assertThat(result.diagnostics())
        .extracting(Diagnostic::format)
        .singleElement()
        .asString()
        .startsWith("p/Wrt.java:13:12: argument 2 of g depends on the inputs")
        .contains("add \"y\" to its wrt");
  }
}

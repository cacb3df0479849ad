package io.github.ad4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed rows of DESIGN.md that need no loops, against their closed forms. */
class SeedExamplesTest {

  private static final Differentiated SEEDS =
      Differentiated.of(
          "Seeds",
          """
          package p;

          import io.github.ad4j.Differentiable;

          class Seeds {
            @Differentiable
            static double f(double x, double y) {
              return x * x + 3 * x * y + y * y;
            }

            @Differentiable
            static double tanh(double x) {
              return (1 - Math.exp(-2 * x)) / (1 + Math.exp(-2 * x));
            }

            @Differentiable
            static double sigmoid(double x) {
              return 1 / (1 + Math.exp(-x));
            }

            @Differentiable
            static double g(double x1, double x2) {
              return (x1 + 5) * x2 * x2;
            }

            @Differentiable
            static double sum(double x) {
              double z1 = 3 * x;
              double z2 = x * x;
              return z1 + z2;
            }
          }
          """);

  @Test
  void polynomialPartialsAtTwoOneAreSevenAndEight() {
    assertThat(SEEDS.generated("dfdx", 2.0, 1.0)).isEqualTo(7.0);
    assertThat(SEEDS.generated("dfdy", 2.0, 1.0)).isEqualTo(8.0);
  }

  @Test
  void tanhWrittenWithExpHasSlope0419974341614026AtOne() {
    assertThat((double) SEEDS.generated("dtanhdx", 1.0)).isCloseTo(0.419974341614026, within(1e-15));
  }

  @Test
  void logisticSlopeIsSigmaTimesOneMinusSigma() {
    for (int x = 0; x <= 9; x++) {
      double s = 1 / (1 + Math.exp(-x));
      assertThat((double) SEEDS.generated("dsigmoiddx", (double) x))
          .as("x = %d", x)
          .isCloseTo(s * (1 - s), within(1e-15));
    }
  }

  @Test
  void gradientOfX1Plus5TimesX2SquaredAtTwoThreeIsNineFortyTwo() {
    Object record = SEEDS.generated("gGradient", 2.0, 3.0);
    assertThat(Differentiated.component(record, "value")).isEqualTo(63.0);
    assertThat(Differentiated.component(record, "dgdx1")).isEqualTo(9.0);
    assertThat(Differentiated.component(record, "dgdx2")).isEqualTo(42.0);
  }

  @Test
  void summedAdjointOfThreeXAndXSquaredAtFiveIsThirteen() {
    assertThat(SEEDS.generated("dsumdx", 5.0)).isEqualTo(13.0);
  }

  @Test
  void everyFormMatchesFiniteDifferences() {
    List<Object[]> points = List.of(new Object[] {2.0, 1.0}, new Object[] {-0.7, 3.1});
    GradientCheck.verify(SEEDS, "f", new String[] {"x", "y"}, new int[] {0, 1}, points);
    GradientCheck.verify(SEEDS, "g", new String[] {"x1", "x2"}, new int[] {0, 1}, points);
    List<Object[]> scalars = List.of(new Object[] {1.0}, new Object[] {-0.3}, new Object[] {4.0});
    for (String f : List.of("tanh", "sigmoid", "sum")) {
      GradientCheck.verify(SEEDS, f, new String[] {"x"}, new int[] {0}, scalars);
    }
  }
}

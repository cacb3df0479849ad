package io.github.ad4j.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ad4j.core.testing.Differentiated;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The conventions at points where a function has no derivative, which follow JAX and PyTorch
 * (DESIGN.md): exact values, in every generated form (the partial, the record, the accumulating
 * form and the pullback).
 */
class KinksTest {

  private static final Differentiated KINKS =
      Differentiated.of(
          "Kinks",
          """
          package p;

          import io.github.ad4j.Differentiable;

          class Kinks {
            @Differentiable
            static double abs(double x) {
              return Math.abs(x);
            }

            @Differentiable
            static double absOfDifference(double x, double y) {
              return Math.abs(x - y);
            }

            @Differentiable
            static double max(double x, double y) {
              return Math.max(x, y);
            }

            @Differentiable
            static double min(double x, double y) {
              return Math.min(x, y);
            }

            @Differentiable
            static double maxOfItself(double x) {
              return Math.max(x, x);
            }

            @Differentiable
            static double relu(double x) {
              return Math.max(x, 0);
            }

            @Differentiable
            static double strictMax(double x, double y) {
              return StrictMath.max(x, y);
            }

            @Differentiable
            static double sqrt(double x) {
              return Math.sqrt(x);
            }

            @Differentiable
            static double floor(double x) {
              return Math.floor(x);
            }

            @Differentiable
            static double ceil(double x) {
              return Math.ceil(x);
            }

            @Differentiable
            static double rint(double x) {
              return Math.rint(x);
            }

            @Differentiable
            static double round(double x) {
              return Math.round(x);
            }

            @Differentiable
            static double signum(double x) {
              return Math.signum(x);
            }

            @Differentiable
            static double pow(double x, double y) {
              return Math.pow(x, y);
            }

            @Differentiable
            static double hypot(double x, double y) {
              return Math.hypot(x, y);
            }

            @Differentiable
            static double log(double x) {
              return Math.log(x);
            }

            @Differentiable
            static double exp(double x) {
              return Math.exp(x);
            }

            @Differentiable
            static double square(double x) {
              return x * x;
            }

            @Differentiable
            static double absByConditional(double x) {
              return x > 0 ? x : -x;
            }
          }
          """);

  @Test
  void absHasSlopeZeroAtZero() {
    assertPartials("abs", List.of("x"), args(0.0), 0.0);
    assertPartials("abs", List.of("x"), args(-0.0), 0.0);
    assertPartials("absOfDifference", List.of("x", "y"), args(1.5, 1.5), 0.0, 0.0);
  }

  @Test
  void absHasSlopeMinusOneAndOneAwayFromZero() {
    assertPartials("abs", List.of("x"), args(-1e-300), -1.0);
    assertPartials("abs", List.of("x"), args(1e-300), 1.0);
  }

  @Test
  void maxAndMinSplitTheAdjointEvenlyAtATie() {
    assertPartials("max", List.of("x", "y"), args(2.0, 2.0), 0.5, 0.5);
    assertPartials("min", List.of("x", "y"), args(-3.0, -3.0), 0.5, 0.5);
    assertPartials("strictMax", List.of("x", "y"), args(0.0, 0.0), 0.5, 0.5);
    assertPartials("relu", List.of("x"), args(0.0), 0.5);
  }

  @Test
  void maxAndMinGiveTheWholeAdjointToTheLargerOrSmallerArgument() {
    assertPartials("max", List.of("x", "y"), args(2.0, 1.0), 1.0, 0.0);
    assertPartials("max", List.of("x", "y"), args(1.0, 2.0), 0.0, 1.0);
    assertPartials("min", List.of("x", "y"), args(2.0, 1.0), 0.0, 1.0);
    assertPartials("min", List.of("x", "y"), args(1.0, 2.0), 1.0, 0.0);
  }

  @Test
  void maxOfAValueWithItselfHasSlopeOne() {
    assertPartials("maxOfItself", List.of("x"), args(0.75), 1.0);
  }

  @Test
  void sqrtHasInfiniteSlopeAtZero() {
    assertPartials("sqrt", List.of("x"), args(0.0), Double.POSITIVE_INFINITY);
  }

  @Test
  void piecewiseConstantFunctionsHaveSlopeZeroAtTheirJumps() {
    assertPartials("floor", List.of("x"), args(2.0), 0.0);
    assertPartials("ceil", List.of("x"), args(-2.0), 0.0);
    assertPartials("rint", List.of("x"), args(2.5), 0.0);
    assertPartials("round", List.of("x"), args(2.5), 0.0);
    assertPartials("round", List.of("x"), args(-0.5), 0.0);
    assertPartials("signum", List.of("x"), args(0.0), 0.0);
    assertPartials("signum", List.of("x"), args(-0.0), 0.0);
  }

  @Test
  void powWithRespectToTheExponentIsZeroWhereTheBaseIsZero() {
    assertPartials("pow", List.of("x", "y"), args(0.0, 2.0), 0.0, 0.0);
    assertPartials("pow", List.of("x", "y"), args(0.0, 3.5), 0.0, 0.0);
  }

  @Test
  void powWithRespectToTheBaseIsZeroWhereTheExponentIsZero() {
    assertPartials("pow", List.of("x", "y"), args(0.0, 0.0), 0.0, 0.0);
    assertPartials("pow", List.of("x", "y"), args(3.0, 0.0), 0.0, Math.log(3.0));
  }

  @Test
  void logHasInfiniteSlopeAtZeroAndOneOverXWhereItIsUndefined() {
    assertPartials("log", List.of("x"), args(0.0), Double.POSITIVE_INFINITY);
    // log(-1) is NaN; its slope is 1/x, as in JAX and PyTorch, which do not check the domain
    assertPartials("log", List.of("x"), args(-1.0), -1.0);
  }

  @Test
  void powAtAZeroBaseFollowsTheFormulaExceptWhereTheExponentIsZero() {
    assertPartials("pow", List.of("x", "y"), args(0.0, 0.5), Double.POSITIVE_INFINITY, 0.0);
    assertPartials("pow", List.of("x", "y"), args(0.0, 1.0), 1.0, 0.0);
    assertPartials("pow", List.of("x", "y"), args(0.0, -1.0), Double.NEGATIVE_INFINITY, 0.0);
  }

  @Test
  void overflowGivesAnInfiniteSlopeOnlyWhereTheSlopeItselfOverflows() {
    assertPartials("exp", List.of("x"), args(800.0), Double.POSITIVE_INFINITY);
    // x * x overflows to Infinity at 1e200, but its slope 2e200 is a double
    assertPartials("square", List.of("x"), args(1e200), 2e200);
    assertPartials("exp", List.of("x"), args(Double.NEGATIVE_INFINITY), 0.0);
  }

  @Test
  void aNaNInputGivesANaNSlope() {
    assertPartials("square", List.of("x"), args(Double.NaN), Double.NaN);
    assertPartials("abs", List.of("x"), args(Double.NaN), Double.NaN);
    assertPartials("sqrt", List.of("x"), args(Double.NaN), Double.NaN);
    assertPartials("pow", List.of("x", "y"), args(Double.NaN, 2.0), Double.NaN, Double.NaN);
  }

  @Test
  void maxAndMinOfANaNGiveNothingToEitherArgument() {
    // the value is NaN; neither argument wins nor ties, so each gets 0, as in JAX
    assertPartials("max", List.of("x", "y"), args(Double.NaN, 1.0), 0.0, 0.0);
    assertPartials("min", List.of("x", "y"), args(1.0, Double.NaN), 0.0, 0.0);
  }

  @Test
  void hypotHasSlopeZeroAtTheOrigin() {
    assertPartials("hypot", List.of("x", "y"), args(0.0, 0.0), 0.0, 0.0);
  }

  @Test
  void aConditionalDifferentiatesTheBranchItTakesAlsoAtTheSwitchingPoint() {
    assertPartials("absByConditional", List.of("x"), args(0.0), -1.0);
    assertPartials("absByConditional", List.of("x"), args(1e-300), 1.0);
  }

  private static final Differentiated UNDEFINED_IN_UNTAKEN_BRANCH =
      Differentiated.of(
          "Guarded",
          """
          package p;

          import io.github.ad4j.Differentiable;

          class Guarded {
            @Differentiable
            static double sqrtOrZero(double x) {
              return x > 0 ? Math.sqrt(x) : 0;
            }

            @Differentiable
            static double entropyTerm(double x) {
              return x > 0 ? x * Math.log(x) : 0.0;
            }

            @Differentiable(wrt = "z")
            static double logLoss(double z, boolean positive) {
              double p = 1 / (1 + Math.exp(-z));
              return positive ? -Math.log(p) : -Math.log(1 - p);
            }

            @Differentiable
            static double sinc(double x) {
              return x != 0 ? Math.sin(x) / x : 1;
            }
          }
          """);

  @Test
  void aBranchNotTakenCostsNothingWhereItsValueIsFinite() {
    assertPartials(UNDEFINED_IN_UNTAKEN_BRANCH, "sinc", List.of("x"), args(0.0), 0.0);
  }

  @Test
  void aBranchNotTakenCostsNothingEvenWhereItIsUndefined() {
    assertPartials(UNDEFINED_IN_UNTAKEN_BRANCH, "sqrtOrZero", List.of("x"), args(-1.0), 0.0);
    assertPartials(UNDEFINED_IN_UNTAKEN_BRANCH, "sqrtOrZero", List.of("x"), args(0.0), 0.0);
    assertPartials(UNDEFINED_IN_UNTAKEN_BRANCH, "entropyTerm", List.of("x"), args(0.0), 0.0);
  }

  @Test
  void theLogLossOfASaturatedSigmoidHasAFiniteGradient() {
    // p = 1 / (1 + exp(-40)) is exactly 1.0 in doubles; the loss of a positive sample is -log(p),
    // whose slope -(1 - p) = -exp(-z) / (1 + exp(-z)) is about -4.2e-18
    assertThat((double) UNDEFINED_IN_UNTAKEN_BRANCH.generated("dlogLossdz", 40.0, true))
        .isCloseTo(-Math.exp(-40), within(1e-30));
  }

  private static Object[] args(Object... args) {
    return args;
  }

  private static void assertPartials(
      String method, List<String> wrt, Object[] point, double... expected) {
    assertPartials(KINKS, method, wrt, point, expected);
  }

  /**
   * Asserts that every form gives exactly {@code expected} (one value per name in {@code wrt}) at
   * {@code point}. Zeros of either sign are equal: the conventions are about values, not signs.
   */
  private static void assertPartials(
      Differentiated d, String method, List<String> wrt, Object[] point, double... expected) {
    String at = method + Arrays.toString(point);
    Object record = d.generated(method + "Gradient", point);
    double value = ((Number) d.original(method, point)).doubleValue();
    assertThat(Differentiated.component(record, "value")).as("value of %s", at).isEqualTo(value);

    List<Object> accumulating = new ArrayList<>(Arrays.asList(point));
    List<Object> pullback = new ArrayList<>(Arrays.asList(point));
    pullback.add(-2.0);
    double[][] accumulated = new double[wrt.size()][];
    double[][] pulledBack = new double[wrt.size()][];
    for (int k = 0; k < wrt.size(); k++) {
      accumulated[k] = new double[] {0.0};
      pulledBack[k] = new double[] {0.0};
      accumulating.add(accumulated[k]);
      pullback.add(pulledBack[k]);
    }
    assertThat(d.generated(method + "Gradient", accumulating.toArray())).isEqualTo(value);
    assertThat(d.generated(method + "Pullback", pullback.toArray())).isEqualTo(value);

    for (int k = 0; k < wrt.size(); k++) {
      String partial = "d" + method + "d" + wrt.get(k);
      // boxed, so that NaN equals NaN (and + 0.0 makes -0.0 equal 0.0)
      Double e = expected[k] + 0.0;
      assertThat((double) d.generated(partial, point) + 0.0)
          .as("%s at %s", partial, at)
          .isEqualTo(e);
      assertThat(((Number) Differentiated.component(record, partial)).doubleValue() + 0.0)
          .as("%s of %sGradient at %s", partial, method, at)
          .isEqualTo(e);
      assertThat(accumulated[k][0] + 0.0).as("%s accumulated at %s", partial, at).isEqualTo(e);
      assertThat(pulledBack[k][0] + 0.0)
          .as("%s pulled back with seed -2 at %s", partial, at)
          .isEqualTo((Double) (-2 * e + 0.0));
    }
  }
}

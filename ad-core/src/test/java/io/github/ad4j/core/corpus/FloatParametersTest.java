package io.github.ad4j.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ad4j.core.testing.Differentiated;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * {@code float} in the corpus: float parameters get float partials in every form, and casts to
 * {@code float} pass derivatives through. These are checked against closed forms rather than finite
 * differences, which float rounding (about 6e-8 relative) spoils at the steps they take.
 */
class FloatParametersTest {

  /** Float arithmetic in the original and the derivative: a few float ulps. */
  private static final double FLOAT_TOLERANCE = 1e-6;

  private static final Differentiated FLOATS =
      Differentiated.of(
          "Floats",
          """
          package p;

          import io.github.ad4j.Differentiable;

          class Floats {
            @Differentiable
            static float square(float x) {
              return x * x;
            }

            @Differentiable
            static double mixed(float x, double y) {
              return x * y + Math.sin(x);
            }

            @Differentiable
            static float scaledExp(float x, float y) {
              return (float) Math.exp(x) * y;
            }

            @Differentiable
            static double throughFloatCasts(double x) {
              return (float) x * 2.0 + (double) (float) (x * x);
            }

            @Differentiable
            static double floatLocal(double x) {
              float t = (float) x;
              t *= t;
              t += 1;
              return t + x;
            }

            @Differentiable
            static float floatResultOfDoubles(double x, double y) {
              return (float) (x * y);
            }
          }
          """);

  @Test
  void aFloatParameterHasAFloatPartial() throws Exception {
    assertThat(FLOATS.generated("dsquaredx", 3f)).isEqualTo(6f);
    assertThat(FLOATS.generated("dsquaredx", -0.5f)).isEqualTo(-1f);
    assertThat(returnType("dmixeddx")).isEqualTo(float.class);
    assertThat(returnType("dmixeddy")).isEqualTo(double.class);
    assertThat(returnType("dfloatResultOfDoublesdx")).isEqualTo(double.class);
  }

  @Test
  void mixedFloatAndDoubleParameters() {
    float x = 0.75f;
    double y = -1.25;
    assertThat((float) FLOATS.generated("dmixeddx", x, y))
        .isCloseTo((float) (y + Math.cos(x)), within((float) FLOAT_TOLERANCE));
    assertThat((double) FLOATS.generated("dmixeddy", x, y)).isEqualTo((double) x);
  }

  @Test
  void floatFunctionOfTwoFloats() {
    float x = 0.3f;
    float y = 2.5f;
    double e = Math.exp(x);
    assertThat((double) (float) FLOATS.generated("dscaledExpdx", x, y))
        .isCloseTo(e * y, within(FLOAT_TOLERANCE * e * y));
    assertThat((double) (float) FLOATS.generated("dscaledExpdy", x, y))
        .isCloseTo(e, within(FLOAT_TOLERANCE * e));
  }

  @Test
  void everyFormOfAFloatMethodUsesFloats() {
    float x = 1.5f;
    float y = -2f;
    Object record = FLOATS.generated("scaledExpGradient", x, y);
    assertThat(
            Arrays.stream(record.getClass().getRecordComponents()).map(c -> c.getType().getName()))
        .containsExactly("float", "float", "float");
    assertThat(Differentiated.component(record, "value"))
        .isEqualTo(FLOATS.original("scaledExp", x, y));
    Object dx = FLOATS.generated("dscaledExpdx", x, y);
    Object dy = FLOATS.generated("dscaledExpdy", x, y);
    assertThat(Differentiated.component(record, "dscaledExpdx")).isEqualTo(dx);
    assertThat(Differentiated.component(record, "dscaledExpdy")).isEqualTo(dy);

    float[] ax = {0.25f};
    float[] ay = {0.25f};
    assertThat(FLOATS.generated("scaledExpGradient", x, y, ax, ay))
        .isEqualTo(FLOATS.original("scaledExp", x, y));
    assertThat(ax[0]).isEqualTo(0.25f + (float) dx);
    assertThat(ay[0]).isEqualTo(0.25f + (float) dy);

    float[] px = {0f};
    float[] py = {0f};
    FLOATS.generated("scaledExpPullback", x, y, 2.0, px, py);
    assertThat((double) px[0])
        .isCloseTo(2.0 * (float) dx, within(FLOAT_TOLERANCE * Math.abs((float) dx)));
    assertThat((double) py[0])
        .isCloseTo(2.0 * (float) dy, within(FLOAT_TOLERANCE * Math.abs((float) dy)));
  }

  @Test
  void aCastToFloatPassesTheDerivativeThrough() {
    for (double x : new double[] {-1.3, 0.1, 2.7}) {
      assertThat((double) FLOATS.generated("dthroughFloatCastsdx", x))
          .isCloseTo(2 + 2 * x, within(1e-12));
      // t = (float) x; t = t * t + 1; t + x
      assertThat((double) FLOATS.generated("dfloatLocaldx", x))
          .isCloseTo(2 * x + 1, within(FLOAT_TOLERANCE * Math.max(1, Math.abs(x))));
      assertThat(FLOATS.generated("throughFloatCastsGradient", x, new double[1]))
          .isEqualTo(FLOATS.original("throughFloatCasts", x));
    }
  }

  @Test
  void aFloatResultOfDoubleParametersHasDoublePartials() {
    assertThat((double) FLOATS.generated("dfloatResultOfDoublesdx", 1.5, -4.0)).isEqualTo(-4.0);
    assertThat((double) FLOATS.generated("dfloatResultOfDoublesdy", 1.5, -4.0)).isEqualTo(1.5);
  }

  private static final Differentiated LITERALS =
      Differentiated.of(
          "FloatLiterals",
          """
          package p;

          import io.github.ad4j.Differentiable;

          class FloatLiterals {
            @Differentiable
            static double scaled(double x) {
              return 0.1f * x;
            }
          }
          """);

  @Test
  void aFloatLiteralKeepsItsValueInTheValue() {
    assertThat(LITERALS.generated("scaledGradient", 1.0, new double[1]))
        .isEqualTo(LITERALS.original("scaled", 1.0));
  }

  @Test
  void aFloatLiteralKeepsItsValueInTheDerivative() {
    assertThat(LITERALS.generated("dscaleddx", 1.0)).isEqualTo((double) 0.1f);
  }

  private static Class<?> returnType(String name) throws Exception {
    Object probe = FLOATS.generated("squareGradient", 1f);
    for (Method m : probe.getClass().getEnclosingClass().getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        return m.getReturnType();
      }
    }
    throw new AssertionError("no method " + name);
  }
}
